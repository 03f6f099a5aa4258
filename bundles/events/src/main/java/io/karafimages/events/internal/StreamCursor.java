package io.karafimages.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import io.karafimages.spi.events.EventRecord;

/**
 * A node's read position in the outbox. Ids are taken when a row is written, not when it commits, so a slower
 * transaction can commit id 7 after id 8 was read. The cursor therefore keeps its floor below the first id it has
 * not seen and reads from there again; an id still missing after {@code gapMillis} belonged to a rolled-back
 * transaction (or was already cleaned up) and is given up. Not thread-safe: the hub's dispatcher owns it.
 */
final class StreamCursor {
    private static final int MAX_TRACKED_GAPS = 10_000;

    private final long gapMillis;
    private long floor;
    private final TreeSet<Long> seenAbove = new TreeSet<>();
    private final TreeMap<Long, Long> gapSince = new TreeMap<>();

    StreamCursor(long start, long gapMillis) {
        this.floor = start;
        this.gapMillis = gapMillis;
    }

    /** Read the outbox after this id. */
    long readAfter() {
        return floor;
    }

    /** @return the rows (read after {@link #readAfter()}, by id) not yet accepted, in id order */
    List<EventRecord> accept(List<EventRecord> rows, long nowMillis) {
        List<EventRecord> fresh = new ArrayList<>();
        for (EventRecord r : rows) {
            if (r.id() > floor && seenAbove.add(r.id())) {
                fresh.add(r);
                gapSince.remove(r.id());
            }
        }
        if (!seenAbove.isEmpty()) {
            long top = seenAbove.last();
            if (top - floor - seenAbove.size() > MAX_TRACKED_GAPS) {
                // far too many holes to track one by one (a bulk cleanup, a restored backup): start from the top
                floor = top;
                seenAbove.clear();
                gapSince.clear();
                return fresh;
            }
            for (long id = floor + 1; id < top; id++) {
                if (!seenAbove.contains(id)) {
                    gapSince.putIfAbsent(id, nowMillis);
                }
            }
        }
        advance(nowMillis);
        return fresh;
    }

    private void advance(long nowMillis) {
        while (true) {
            long next = floor + 1;
            if (seenAbove.remove(next)) {
                floor = next;
            } else if (gapSince.containsKey(next) && nowMillis - gapSince.get(next) >= gapMillis) {
                gapSince.remove(next);
                floor = next;
            } else {
                return;
            }
        }
    }

    /** Ids waited for (for tests and diagnostics). */
    int openGaps() {
        return gapSince.size();
    }
}
