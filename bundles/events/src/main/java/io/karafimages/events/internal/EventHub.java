package io.karafimages.events.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.EmbedService;
import io.karafimages.api.ImagesException;
import io.karafimages.api.LiveEvents;
import io.karafimages.api.TaskStatus;
import io.karafimages.spi.events.EventRecord;
import io.karafimages.spi.events.EventFeed;

/**
 * Fans the stored outbox out to this node's subscribers (SSE streams, web app sockets). One dispatcher thread
 * reads new rows when the store's doorbell rings (a local commit, or PostgreSQL NOTIFY from any node) or the
 * fallback poll fires, renders each {@code embed_update} once (decrypting a completed embed's content for its
 * owner, only when that owner is listening here) and hands it to the owner's listeners, which only enqueue. The
 * outbox is the truth: a node that missed a doorbell catches up on its next read, and a reconnecting client is
 * served from the store.
 */
@Component(service = { LiveEvents.class, EventHub.class }, configurationPid = "images.events")
@Designate(ocd = EventsConfig.class)
public final class EventHub implements LiveEvents {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final int PAGE = 500;
    private static final int REPLAY_LIMIT = 1000;
    private static final int UNACKED_LIMIT = 200;

    private final EventFeed store;
    private final EmbedService embeds;
    private final EventsConfig config;
    private final ScheduledExecutorService dispatcher;
    private final ScheduledExecutorService housekeeping;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final Map<String, List<Sub>> byOwner = new ConcurrentHashMap<>();
    private final AutoCloseable doorbell;
    private StreamCursor cursor; // dispatcher thread only

    @Activate
    public EventHub(@Reference EventFeed store, @Reference EmbedService embeds, EventsConfig config) {
        this.store = store;
        this.embeds = embeds;
        this.config = config;
        this.dispatcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "images-events-dispatch"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "images-events-cleanup"));
        dispatcher.execute(this::startCursor);
        this.doorbell = store.onNewEvents(this::wake);
        long poll = Math.max(1, config.poll_seconds());
        dispatcher.scheduleWithFixedDelay(this::wake, poll, poll, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(this::cleanup, 1, 10, TimeUnit.MINUTES);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Deactivate
    void stop() {
        try {
            doorbell.close();
        } catch (Exception e) {
            LOG.debug("Closing the doorbell", e);
        }
        dispatcher.shutdownNow();
        housekeeping.shutdownNow();
        byOwner.clear();
    }

    // ---- subscriptions

    @Override
    public Subscription subscribe(String userId, long lastEventId, Listener listener) {
        Sub sub = add(userId, listener);
        sub.after = lastEventId;
        dispatcher.execute(() -> {
            if (lastEventId >= 0) {
                replay(sub, store.eventsFor(userId, lastEventId, REPLAY_LIMIT));
            }
            sub.goLive();
        });
        return sub;
    }

    /**
     * The web app's subscription: first every finished update the user has not acknowledged (from the store, so
     * whichever node ran the task and whatever restarted since), then live events.
     */
    Subscription subscribeUnacknowledged(String userId, Listener listener) {
        Sub sub = add(userId, listener);
        dispatcher.execute(() -> {
            replay(sub, store.unacknowledged(userId, UNACKED_LIMIT));
            sub.goLive();
        });
        return sub;
    }

    /** Marks the user's finished updates of an embed delivered, so they are not sent again. */
    void acknowledge(String userId, String embedId) {
        store.acknowledge(userId, embedId);
    }

    private Sub add(String userId, Listener listener) {
        Sub sub = new Sub(userId, listener);
        byOwner.computeIfAbsent(userId, k -> new CopyOnWriteArrayList<>()).add(sub);
        return sub;
    }

    private void replay(Sub sub, List<EventRecord> rows) {
        for (EventRecord r : rows) {
            sub.replayed(r.id(), render(r));
        }
    }

    /** Waits until the dispatcher has done what was asked of it so far (tests). */
    void sync() throws Exception {
        dispatcher.submit(() -> { }).get();
    }

    int subscribers() {
        return byOwner.values().stream().mapToInt(List::size).sum();
    }

    // ---- reading the outbox

    void wake() {
        if (wakePending.compareAndSet(false, true)) {
            try {
                dispatcher.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private void startCursor() {
        try {
            cursor = new StreamCursor(store.lastEventId(), Duration.ofSeconds(config.gap_seconds()).toMillis());
        } catch (RuntimeException e) {
            LOG.warn("Event outbox not readable yet ({}); live events start when it is", e.getMessage());
        }
    }

    private void drain() {
        wakePending.set(false);
        if (cursor == null) {
            startCursor();
            if (cursor == null) {
                return;
            }
        }
        try {
            long after = cursor.readAfter();
            while (true) {
                List<EventRecord> rows = store.eventsAfter(after, PAGE);
                for (EventRecord r : cursor.accept(rows, System.currentTimeMillis())) {
                    dispatch(r);
                }
                if (rows.size() < PAGE) {
                    return;
                }
                after = rows.get(rows.size() - 1).id();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the event outbox: {}", e.getMessage());
        }
    }

    private void dispatch(EventRecord r) {
        List<Sub> subs = byOwner.get(r.ownerId());
        if (subs == null || subs.isEmpty()) {
            return;
        }
        String json = render(r);
        for (Sub s : subs) {
            s.live(r.id(), json);
        }
    }

    private String render(EventRecord r) {
        Map<String, Object> content = null;
        if (r.status() == TaskStatus.COMPLETED) {
            try {
                content = embeds.content(r.ownerId(), r.embedId());
            } catch (ImagesException e) {
                LOG.debug("No content for embed update {}: {}", r.id(), e.getMessage());
            }
        }
        return UpdateJson.render(r, content);
    }

    private void cleanup() {
        try {
            Instant now = Instant.now();
            int n = store.deleteEvents(now.minus(Duration.ofMinutes(config.settled_retention_minutes())),
                    now.minus(Duration.ofDays(config.retention_days())));
            if (n > 0) {
                LOG.debug("Removed {} settled events", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Event cleanup failed: {}", e.getMessage());
        }
    }

    /** One listener. Its methods run on the dispatcher thread only. */
    private final class Sub implements Subscription {
        private final String owner;
        private final Listener listener;
        private volatile boolean closed;
        private volatile long after = -1;
        private boolean live;
        private final Set<Long> replayedIds = new HashSet<>();
        private final List<Object[]> waiting = new ArrayList<>();

        Sub(String owner, Listener listener) {
            this.owner = owner;
            this.listener = listener;
        }

        void replayed(long id, String json) {
            replayedIds.add(id);
            send(id, json);
        }

        void live(long id, String json) {
            if (!live) {
                waiting.add(new Object[] { id, json });
            } else if (!replayedIds.contains(id) && id > after) {
                send(id, json);
            }
        }

        void goLive() {
            live = true;
            for (Object[] w : waiting) {
                live((Long) w[0], (String) w[1]);
            }
            waiting.clear();
        }

        private void send(long id, String json) {
            if (closed) {
                return;
            }
            try {
                listener.onEvent(id, json);
            } catch (RuntimeException e) {
                LOG.warn("An event listener failed; it is dropped", e);
                close();
            }
        }

        @Override
        public void close() {
            closed = true;
            byOwner.computeIfPresent(owner, (k, list) -> {
                list.remove(this);
                return list.isEmpty() ? null : list;
            });
        }
    }
}
