package io.karafimages.spi.events;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The outbox of live events, as the runtime's store provides it: one {@link EventRecord} for every change of a
 * task's status or progress, written in the same transaction as the change, so that no committed change lacks its
 * event and no event announces a change that was rolled back.
 *
 * <p>Ids are assigned when a row is written, so a transaction that commits later may hold a smaller id than one
 * already read: readers that follow the stream must tolerate such short-lived gaps (see the events bundle).
 *
 */
@ProviderType
public interface EventFeed {

    /** Events of every owner with an id above {@code afterId}, by id, at most {@code limit}. */
    List<EventRecord> eventsAfter(long afterId, int limit);

    /** Events of one owner with an id above {@code afterId}, by id, at most {@code limit}. */
    List<EventRecord> eventsFor(String ownerId, long afterId, int limit);

    /** The owner's finished, not yet acknowledged updates, by id, at most {@code limit}. */
    List<EventRecord> unacknowledged(String ownerId, int limit);

    /**
     * Marks the owner's finished updates of an embed delivered.
     *
     * @return how many rows changed (0 for another owner's embed or when already acknowledged)
     */
    int acknowledge(String ownerId, String embedId);

    /** The highest event id written so far, 0 when none. */
    long lastEventId();

    /**
     * Retention: removes acknowledged events and unfinished ones (superseded progress) older than
     * {@code settledBefore}, and every event older than {@code anyBefore}.
     *
     * @return the number of rows removed
     */
    int deleteEvents(Instant settledBefore, Instant anyBefore);

    /**
     * Rings {@code doorbell} soon after events were committed, by this runtime or, where the database can tell
     * (PostgreSQL {@code LISTEN/NOTIFY}), by any runtime sharing it. The doorbell carries no data: read the
     * outbox. It may ring spuriously and, after a lost database connection, late; pair it with a slow poll.
     *
     * @return closing it stops the doorbell
     */
    AutoCloseable onNewEvents(Runnable doorbell);
}
