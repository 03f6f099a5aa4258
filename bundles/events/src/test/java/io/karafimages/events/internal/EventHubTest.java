package io.karafimages.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.api.Embed;
import io.karafimages.api.EmbedFile;
import io.karafimages.api.EmbedService;
import io.karafimages.api.ImagesException;
import io.karafimages.api.LiveEvents;
import io.karafimages.api.RenditionFormat;
import io.karafimages.api.TaskStatus;
import io.karafimages.spi.events.EventRecord;
import io.karafimages.spi.events.EventFeed;

class EventHubTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An outbox in memory that rings its doorbells like the JDBC store does after a commit. */
    static final class MemoryOutbox implements EventFeed {
        final List<EventRecord> rows = new CopyOnWriteArrayList<>();
        final List<Runnable> bells = new CopyOnWriteArrayList<>();
        final List<String> acks = new CopyOnWriteArrayList<>();

        synchronized EventRecord append(String owner, String embed, TaskStatus status, double progress) {
            EventRecord r = new EventRecord(rows.size() + 1, owner, "t-" + embed, embed, status, progress,
                    Instant.parse("2026-01-01T00:00:10Z"), EventRecord.isFinal(status), false, Instant.now());
            rows.add(r);
            bells.forEach(Runnable::run);
            return r;
        }

        @Override
        public List<EventRecord> eventsAfter(long afterId, int limit) {
            return rows.stream().filter(r -> r.id() > afterId).limit(limit).toList();
        }

        @Override
        public List<EventRecord> eventsFor(String ownerId, long afterId, int limit) {
            return rows.stream().filter(r -> r.ownerId().equals(ownerId) && r.id() > afterId).limit(limit).toList();
        }

        @Override
        public List<EventRecord> unacknowledged(String ownerId, int limit) {
            return rows.stream().filter(r -> r.ownerId().equals(ownerId) && r.finished()
                    && !acks.contains(ownerId + "/" + r.embedId())).limit(limit).toList();
        }

        @Override
        public int acknowledge(String ownerId, String embedId) {
            acks.add(ownerId + "/" + embedId);
            return 1;
        }

        @Override
        public long lastEventId() {
            return rows.size();
        }

        @Override
        public int deleteEvents(Instant settledBefore, Instant anyBefore) {
            return 0;
        }

        @Override
        public AutoCloseable onNewEvents(Runnable doorbell) {
            bells.add(doorbell);
            return () -> bells.remove(doorbell);
        }
    }

    static final class Contents implements EmbedService {
        @Override
        public Optional<Embed> find(String userId, String embedId) {
            return Optional.empty();
        }

        @Override
        public Map<String, Object> content(String userId, String embedId) {
            if (!"alice".equals(userId)) {
                throw new ImagesException("not_found", 404, false, "no");
            }
            return Map.of("type", "image", "prompt", "a red fox");
        }

        @Override
        public EmbedFile file(String userId, String embedId, RenditionFormat format) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Embed upload(String userId, byte[] image, String mediaType, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public io.karafimages.api.Page<io.karafimages.api.EmbedSummary> list(String userId, int limit, String cursor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String userId, String embedId) {
            throw new UnsupportedOperationException();
        }
    }

    static EventsConfig config(int capacity) {
        return new EventsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EventsConfig.class;
            }

            @Override
            public String public_origins() {
                return "";
            }

            @Override
            public int queue_capacity() {
                return capacity;
            }

            @Override
            public int heartbeat_seconds() {
                return 15;
            }

            @Override
            public int poll_seconds() {
                return 60;
            }

            @Override
            public int gap_seconds() {
                return 10;
            }

            @Override
            public int settled_retention_minutes() {
                return 60;
            }

            @Override
            public int retention_days() {
                return 7;
            }
        };
    }

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final EventHub hub = new EventHub(outbox, new Contents(), config(8));

    @AfterEach
    void stop() {
        hub.stop();
    }

    record Got(long id, JsonNode json) {
    }

    static final class Collector implements LiveEvents.Listener {
        final BlockingQueue<Got> got = new LinkedBlockingQueue<>();

        @Override
        public void onEvent(long id, String json) {
            try {
                got.add(new Got(id, JSON.readTree(json)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        Got next() throws InterruptedException {
            Got g = got.poll(5, TimeUnit.SECONDS);
            if (g == null) {
                throw new AssertionError("no event within 5 s");
            }
            return g;
        }
    }

    private void settle() throws Exception {
        hub.sync();
    }

    @Test
    void eachOwnerGetsOnlyItsEventsWithTheCompletedContent() throws Exception {
        Collector alice = new Collector();
        Collector bob = new Collector();
        hub.subscribe("alice", -1, alice);
        hub.subscribe("bob", -1, bob);
        settle();
        outbox.append("alice", "e1", TaskStatus.QUEUED, 0);
        outbox.append("bob", "e2", TaskStatus.QUEUED, 0);
        outbox.append("alice", "e1", TaskStatus.PROCESSING, 0.5);
        outbox.append("alice", "e1", TaskStatus.COMPLETED, 1);
        Got q = alice.next();
        assertEquals("embed_update", q.json().get("type").asText());
        assertEquals("queued", q.json().get("status").asText());
        assertEquals("e1", q.json().get("embed_id").asText());
        assertEquals("t-e1", q.json().get("task_id").asText());
        assertEquals("2026-01-01T00:00:10Z", q.json().get("estimated_finish_at").asText());
        assertFalse(q.json().has("content"));
        Got p = alice.next();
        assertEquals(0.5, p.json().get("progress").asDouble());
        Got c = alice.next();
        assertEquals("completed", c.json().get("status").asText());
        assertEquals("a red fox", c.json().get("content").get("prompt").asText());
        assertTrue(q.id() < p.id() && p.id() < c.id());
        assertEquals("e2", bob.next().json().get("embed_id").asText());
        assertTrue(bob.got.isEmpty());
    }

    @Test
    void resumeAfterALastEventIdReplaysTheRestThenGoesLive() throws Exception {
        outbox.append("alice", "e1", TaskStatus.QUEUED, 0);
        outbox.append("alice", "e1", TaskStatus.PROCESSING, 0.2);
        outbox.append("alice", "e1", TaskStatus.PROCESSING, 0.6);
        hub.sync();
        Collector alice = new Collector();
        hub.subscribe("alice", 1, alice);
        assertEquals(2, alice.next().id());
        assertEquals(3, alice.next().id());
        outbox.append("alice", "e1", TaskStatus.COMPLETED, 1);
        assertEquals(4, alice.next().id());
        Thread.sleep(200);
        assertTrue(alice.got.isEmpty(), "nothing twice");
    }

    @Test
    void theSocketSubscriptionFirstGetsUnacknowledgedFinishedUpdates() throws Exception {
        outbox.append("alice", "e1", TaskStatus.QUEUED, 0);
        outbox.append("alice", "e1", TaskStatus.COMPLETED, 1);
        outbox.append("alice", "e2", TaskStatus.FAILED, 0);
        outbox.append("alice", "e3", TaskStatus.COMPLETED, 1);
        hub.acknowledge("alice", "e3");
        hub.sync();
        Collector alice = new Collector();
        hub.subscribeUnacknowledged("alice", alice);
        assertEquals("e1", alice.next().json().get("embed_id").asText());
        Got failed = alice.next();
        assertEquals("e2", failed.json().get("embed_id").asText());
        assertEquals("failed", failed.json().get("status").asText());
        Thread.sleep(200);
        assertTrue(alice.got.isEmpty(), "the acknowledged one is not sent again");
    }

    @Test
    void aClientThatNeverReadsHoldsUpNeitherTheDispatcherNorOtherClients() throws Exception {
        ClientQueueTest.ManualTransport stuck = new ClientQueueTest.ManualTransport();
        ClientQueue stuckQueue = new ClientQueue(stuck, 8);
        hub.subscribe("alice", -1, (id, json) -> stuckQueue.offer(json));
        Collector other = new Collector();
        hub.subscribe("alice", -1, other);
        settle();
        for (int i = 0; i < 200; i++) {
            outbox.append("alice", "e" + i, TaskStatus.QUEUED, 0);
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(other.next().id());
        }
        assertEquals(200, ids.size());
        assertTrue(stuckQueue.closed() || stuckQueue.overflows() >= 1, "the stuck client was told to resync");
        assertEquals(1, stuck.sent.size(), "and only its first message ever left");
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        Collector alice = new Collector();
        LiveEvents.Subscription s = hub.subscribe("alice", -1, alice);
        settle();
        s.close();
        outbox.append("alice", "e1", TaskStatus.QUEUED, 0);
        Thread.sleep(300);
        assertTrue(alice.got.isEmpty());
        assertEquals(0, hub.subscribers());
    }
}
