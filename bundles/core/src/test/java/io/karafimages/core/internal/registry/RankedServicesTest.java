package io.karafimages.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class RankedServicesTest {
    private static Map<String, Object> props(int ranking, long id) {
        return Map.of(Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID, id, "name", "s" + id);
    }

    @Test
    void highestRankingFirstThenOldestAndEveryChangeIsSeen() {
        RankedServices<String> services = new RankedServices<>();
        services.add("low-old", props(0, 1L));
        services.add("high", props(10, 3L));
        services.add("low-new", props(0, 2L));
        assertEquals(List.of("high", "low-old", "low-new"), services.all());
        assertEquals(List.of("low-old", "low-new"), services.all(p -> (Integer) p.get(Constants.SERVICE_RANKING) == 0));
        assertEquals("low-new", services.first(p -> "s2".equals(p.get("name"))).orElseThrow());
        List<String> before = services.all();
        assertSame(before, services.all(), "the same snapshot until something changes");
        services.remove("high");
        assertEquals(List.of("low-old", "low-new"), services.all());
        assertEquals(List.of("high", "low-old", "low-new"), before, "a snapshot taken earlier does not change");
        assertThrows(UnsupportedOperationException.class, () -> services.all().add("x"));
        assertEquals("low-old", services.first().orElseThrow());
    }
}
