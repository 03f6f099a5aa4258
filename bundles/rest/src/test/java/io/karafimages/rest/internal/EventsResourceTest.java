package io.karafimages.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

class EventsResourceTest {
    @Test
    void lastEventIdIsAnOutboxIdOrAbsent() {
        assertEquals(-1, EventsResource.lastEventId(null), "absent: only new events");
        assertEquals(-1, EventsResource.lastEventId(" "));
        assertEquals(0, EventsResource.lastEventId("0"));
        assertEquals(42, EventsResource.lastEventId(" 42 "));
        for (String bad : new String[] { "yesterday", "-1", "1.5", "99999999999999999999" }) {
            ImagesException e = assertThrows(ImagesException.class, () -> EventsResource.lastEventId(bad));
            assertEquals("invalid_last_event_id", e.code());
            assertEquals(400, e.httpStatus());
        }
    }
}
