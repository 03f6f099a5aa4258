package io.karafimages.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.karafimages.api.TaskStatus;
import io.karafimages.spi.events.EventRecord;

class StreamCursorTest {
    private static List<EventRecord> rows(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new EventRecord(id, "u", "t", "e", TaskStatus.QUEUED, 0, null, false,
                false, Instant.EPOCH)).toList();
    }

    private static List<Long> ids(List<EventRecord> rows) {
        return rows.stream().map(EventRecord::id).toList();
    }

    @Test
    void deliversEachIdOnceInOrderAndAdvances() {
        StreamCursor c = new StreamCursor(10, 1000);
        assertEquals(List.of(11L, 12L), ids(c.accept(rows(11, 12), 0)));
        assertEquals(12, c.readAfter());
        assertEquals(List.of(13L), ids(c.accept(rows(12, 13), 0)), "a re-read row is not delivered twice");
        assertEquals(List.of(), ids(c.accept(rows(5), 0)), "rows at or below the floor are old");
    }

    @Test
    void aLateCommitBelowAnAlreadyReadIdIsStillDelivered() {
        StreamCursor c = new StreamCursor(0, 10_000);
        assertEquals(List.of(1L, 3L), ids(c.accept(rows(1, 3), 0)));
        assertEquals(1, c.readAfter(), "the floor waits below the hole");
        assertEquals(1, c.openGaps());
        assertEquals(List.of(2L), ids(c.accept(rows(2, 3), 500)), "id 2 committed after 3 was read");
        assertEquals(3, c.readAfter());
        assertEquals(0, c.openGaps());
    }

    @Test
    void aHoleThatNeverFillsIsGivenUpAfterTheGapTime() {
        StreamCursor c = new StreamCursor(0, 1000);
        c.accept(rows(1, 3), 0);
        c.accept(rows(3), 999);
        assertEquals(1, c.readAfter());
        c.accept(rows(3), 1000);
        assertEquals(3, c.readAfter(), "a rolled-back transaction's id is skipped");
    }
}
