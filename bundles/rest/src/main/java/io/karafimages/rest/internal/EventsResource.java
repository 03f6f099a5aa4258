package io.karafimages.rest.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import io.karafimages.api.ImagesException;
import io.karafimages.api.LiveEvents;

/**
 * {@code GET /v1/events}: the caller's {@code embed_update}s as Server-Sent Events, each with its outbox id as the
 * event id; {@code Last-Event-ID} resumes after it (from the store, so nothing is lost across a reconnect, a
 * restart or another node). A comment goes out every heartbeat so that proxies and Jetty's idle timeout keep the
 * stream open. Sends are asynchronous; a stream with more than {@code capacity} unsent events is closed, and the
 * client's reconnect with {@code Last-Event-ID} fetches what it missed from the store.
 */
@Path("/events")
public final class EventsResource {
    private final Supplier<LiveEvents> events;
    private final ScheduledExecutorService timer;
    private final Duration heartbeat;
    private final int capacity;

    EventsResource(Supplier<LiveEvents> events, ScheduledExecutorService timer, Duration heartbeat, int capacity) {
        this.events = events;
        this.timer = timer;
        this.heartbeat = heartbeat;
        this.capacity = capacity;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId,
            @Context SecurityContext security) {
        long after = lastEventId(lastEventId);
        LiveEvents live = events.get();
        if (live == null) {
            throw ImagesException.unavailable("events_unavailable", "Live events are not running on this node.",
                    Duration.ofSeconds(5), null);
        }
        new Stream(sink, sse).start(live, security.getUserPrincipal().getName(), after);
    }

    static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            long id = Long.parseLong(header.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new ImagesException("invalid_last_event_id", 400, false,
                    "Last-Event-ID must be an event id this stream sent (a non-negative integer).");
        }
    }

    private final class Stream {
        private final SseEventSink sink;
        private final Sse sse;
        private final AtomicInteger unsent = new AtomicInteger();
        private volatile LiveEvents.Subscription subscription;
        private volatile ScheduledFuture<?> beat;

        Stream(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        void start(LiveEvents live, String user, long after) {
            send(sse.newEventBuilder().comment("embed_update stream").reconnectDelay(3000).build());
            subscription = live.subscribe(user, after, this::event);
            long every = Math.max(1, heartbeat.toSeconds());
            beat = timer.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.SECONDS);
        }

        private void event(long id, String json) {
            if (unsent.get() >= capacity) {
                close(); // the client reconnects with Last-Event-ID and reads the rest from the store
                return;
            }
            send(sse.newEventBuilder().id(Long.toString(id)).mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(String.class, json).build());
        }

        private void heartbeat() {
            if (sink.isClosed()) {
                close();
            } else {
                send(sse.newEventBuilder().comment("heartbeat").build());
            }
        }

        private void send(OutboundSseEvent e) {
            if (sink.isClosed()) {
                close();
                return;
            }
            unsent.incrementAndGet();
            try {
                sink.send(e).whenComplete((ok, failure) -> {
                    unsent.decrementAndGet();
                    if (failure != null) {
                        close();
                    }
                });
            } catch (RuntimeException x) {
                unsent.decrementAndGet();
                close();
            }
        }

        private void close() {
            LiveEvents.Subscription s = subscription;
            if (s != null) {
                s.close();
            }
            ScheduledFuture<?> b = beat;
            if (b != null) {
                b.cancel(false);
            }
            try {
                sink.close();
            } catch (RuntimeException e) {
                // already closed by the client
            }
        }
    }
}
