package io.karafimages.core.internal.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.EmbedStatus;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.spi.events.EventRecord;
import io.karafimages.core.internal.store.TaskRecord;

/** The event outbox of the store, on H2 and on a real PostgreSQL (subclasses). */
abstract class OutboxContract {
    protected final Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    protected final JdbcStore store;

    OutboxContract() throws Exception {
        store = newStore();
    }

    protected abstract JdbcStore newStore() throws Exception;

    protected abstract JdbcStore sameDatabase() throws Exception;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyStatusOrProgressChangeIsOneEventWrittenWithIt() {
        TaskRecord t = task("t1", "u1");
        EmbedRecord e = embed(t);
        assertTrue(store.create(t, e));
        TaskRecord running = t.toBuilder().status(TaskStatus.PROCESSING).leaseOwner("n1").progress(0.0).version(1)
                .build();
        assertTrue(store.update(running, 0, null));
        TaskRecord heartbeat = running.toBuilder().leaseUntil(now.plusSeconds(30)).version(2).build();
        assertTrue(store.update(heartbeat, 1, null), "a lease renewal changes neither status nor progress");
        TaskRecord half = heartbeat.toBuilder().progress(0.5).version(3).build();
        assertTrue(store.update(half, 2, null));
        assertFalse(store.update(half.toBuilder().status(TaskStatus.FAILED).build(), 2, null),
                "a lost compare-and-set writes no event");
        TaskRecord done = half.toBuilder().status(TaskStatus.COMPLETED).progress(1.0).version(4).build();
        assertTrue(store.update(done, 3, e.finish(EmbedStatus.FINISHED, "fs", new byte[] { 1 }, now)));

        List<EventRecord> events = store.eventsFor("u1", 0, 100);
        assertEquals(List.of(TaskStatus.QUEUED, TaskStatus.PROCESSING, TaskStatus.PROCESSING, TaskStatus.COMPLETED),
                events.stream().map(EventRecord::status).toList());
        assertEquals(0.5, events.get(2).progress(), 1e-9);
        assertEquals(List.of(false, false, false, true), events.stream().map(EventRecord::finished).toList());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id(), "ids increase");
        }
        assertEquals("e-t1", events.get(3).embedId());
        assertEquals("t1", events.get(3).taskId());
        assertEquals(events.get(3).id(), store.lastEventId());
        assertEquals(2, store.eventsFor("u1", events.get(1).id(), 100).size(), "resume after an id");
        assertTrue(store.eventsFor("u2", 0, 100).isEmpty(), "another owner sees none");
        assertEquals(4, store.eventsAfter(0, 100).size());
    }

    @Test
    void progressIsOneConditionalWriteWithItsEventOnlyWhileTheClaimHolds() {
        TaskRecord t = task("t1", "u1");
        assertTrue(store.create(t, embed(t)));
        TaskRecord claim = t.toBuilder().status(TaskStatus.PROCESSING).leaseOwner("n1").attempts(1)
                .leaseUntil(now.plusSeconds(30)).version(1).build();
        assertTrue(store.update(claim, 0, null));
        Instant eta = now.plusSeconds(12);

        assertTrue(store.recordProgress(claim, 0.4, eta, now.plusSeconds(1)));
        TaskRecord stored = store.findTask("t1").orElseThrow();
        assertEquals(0.4, stored.progress(), 1e-9);
        assertEquals(eta, stored.estimatedFinishAt());
        assertEquals(2, stored.version(), "bumped: a compare-and-set that read version 1 reads again");
        assertEquals("n1", stored.leaseOwner());
        assertEquals(claim.leaseUntil(), stored.leaseUntil(), "the lease is the heartbeat's, not touched here");
        EventRecord event = store.eventsFor("u1", 0, 100).get(2);
        assertEquals(TaskStatus.PROCESSING, event.status());
        assertEquals(0.4, event.progress(), 1e-9);
        assertEquals(eta, event.estimatedFinishAt());

        long events = store.lastEventId();
        assertFalse(store.recordProgress(claim.toBuilder().leaseOwner("n2").build(), 0.5, eta, now),
                "another node's claim");
        assertFalse(store.recordProgress(claim.toBuilder().attempts(2).build(), 0.5, eta, now), "another attempt");
        assertTrue(store.update(stored.toBuilder().status(TaskStatus.CANCELLED).leaseOwner(null).version(3).build(),
                2, null));
        long cancelled = store.lastEventId();
        assertTrue(cancelled > events);
        assertFalse(store.recordProgress(claim, 0.9, eta, now), "an ended task");
        assertEquals(cancelled, store.lastEventId(), "a declined write writes no event");
        assertEquals(0.4, store.findTask("t1").orElseThrow().progress(), 1e-9);
    }

    @Test
    void finishedUpdatesStayUnacknowledgedUntilTheOwnerAcknowledges() {
        finish("t1", "u1", TaskStatus.COMPLETED);
        finish("t2", "u1", TaskStatus.FAILED);
        finish("t3", "u2", TaskStatus.CANCELLED);
        assertEquals(List.of("e-t1", "e-t2"), store.unacknowledged("u1", 10).stream().map(EventRecord::embedId)
                .toList());
        assertEquals(0, store.acknowledge("u2", "e-t1"), "another owner cannot acknowledge");
        assertEquals(1, store.acknowledge("u1", "e-t1"));
        assertEquals(0, store.acknowledge("u1", "e-t1"), "idempotent");
        assertEquals(List.of("e-t2"), store.unacknowledged("u1", 10).stream().map(EventRecord::embedId).toList());
        assertEquals(1, store.unacknowledged("u2", 10).size());
    }

    @Test
    void retentionRemovesSettledRowsFirstAndEverythingOldInTheEnd() {
        finish("t1", "u1", TaskStatus.COMPLETED); // queued + completed
        finish("t2", "u1", TaskStatus.COMPLETED);
        store.acknowledge("u1", "e-t1");
        Instant future = Instant.now().plusSeconds(60);
        assertEquals(3, store.deleteEvents(future, Instant.EPOCH), "acked and unfinished rows go first");
        assertEquals(List.of("e-t2"), store.unacknowledged("u1", 10).stream().map(EventRecord::embedId).toList());
        assertEquals(1, store.deleteEvents(Instant.EPOCH, future), "an unacknowledged update goes when too old");
        assertTrue(store.eventsAfter(0, 10).isEmpty());
    }

    @Test
    void deletingAnEmbedDeletesItsEvents() {
        finish("t1", "u1", TaskStatus.COMPLETED);
        assertTrue(store.deleteEmbed("e-t1"));
        assertTrue(store.eventsFor("u1", 0, 10).isEmpty());
    }

    @Test
    void theDoorbellRingsAfterALocalCommit() throws Exception {
        Semaphore rang = new Semaphore(0);
        try (AutoCloseable bell = store.onNewEvents(rang::release)) {
            rang.drainPermits();
            TaskRecord t = task("t1", "u1");
            store.create(t, embed(t));
            assertTrue(rang.tryAcquire(5, TimeUnit.SECONDS));
        }
    }

    protected void finish(String id, String owner, TaskStatus status) {
        TaskRecord t = task(id, owner);
        store.create(t, embed(t));
        assertTrue(store.update(t.toBuilder().status(status).progress(1.0).version(1).build(), 0, null));
    }

    protected TaskRecord task(String id, String owner) {
        return TaskRecord.builder().id(id).ownerId(owner).skill("generate").embedId("e-" + id)
                .status(TaskStatus.QUEUED).input(new byte[] { 1 }).notBefore(now).createdAt(now).updatedAt(now)
                .estimatedFinishAt(now.plusSeconds(20)).version(0).build();
    }

    protected EmbedRecord embed(TaskRecord t) {
        return new EmbedRecord(t.embedId(), t.ownerId(), EmbedRecord.IMAGE, EmbedStatus.PROCESSING, "local",
                "local:v1:xyz", null, null, now, now);
    }
}
