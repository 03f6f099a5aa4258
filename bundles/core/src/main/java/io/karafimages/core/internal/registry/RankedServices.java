package io.karafimages.core.internal.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.framework.Constants;

/**
 * Services of one type in ranking order (highest {@code service.ranking} first, then oldest). Copy-on-write:
 * readers never block, and DS bind/unbind calls may come from any thread. {@link #all()} returns a list made at the
 * last change, not per call: it is on the path of every download (which backend holds the file, which unwraps its key).
 */
public final class RankedServices<T> {
    private record Entry<T>(T service, Map<String, Object> properties, int ranking, long id) {
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingInt(e -> -e.ranking())
            .thenComparingLong(Entry::id);

    private record Snapshot<T>(List<Entry<T>> entries, List<T> services) {
        static <T> Snapshot<T> of(List<Entry<T>> sorted) {
            return new Snapshot<>(List.copyOf(sorted), sorted.stream().map(Entry::service).toList());
        }
    }

    private volatile Snapshot<T> snapshot = Snapshot.of(List.of());

    public synchronized void add(T service, Map<String, Object> properties) {
        List<Entry<T>> copy = new ArrayList<>(snapshot.entries());
        copy.add(new Entry<>(service, Map.copyOf(properties), intProperty(properties, Constants.SERVICE_RANKING),
                longProperty(properties, Constants.SERVICE_ID)));
        copy.sort(ORDER);
        snapshot = Snapshot.of(copy);
    }

    public synchronized void remove(T service) {
        List<Entry<T>> copy = new ArrayList<>(snapshot.entries());
        copy.removeIf(e -> e.service() == service);
        snapshot = Snapshot.of(copy);
    }

    /** All services with their properties, best-ranked first. */
    public List<Map.Entry<T, Map<String, Object>>> entries() {
        return snapshot.entries().stream()
                .<Map.Entry<T, Map<String, Object>>>map(e -> Map.entry(e.service(), e.properties()))
                .toList();
    }

    /** All services, best-ranked first. */
    public List<T> all() {
        return snapshot.services();
    }

    /** The services whose properties match, best-ranked first. */
    public List<T> all(Predicate<Map<String, Object>> properties) {
        return snapshot.entries().stream().filter(e -> properties.test(e.properties())).map(Entry::service).toList();
    }

    /** The best-ranked service whose properties match. */
    public Optional<T> first(Predicate<Map<String, Object>> properties) {
        return snapshot.entries().stream().filter(e -> properties.test(e.properties())).map(Entry::service)
                .findFirst();
    }

    public Optional<T> first() {
        return first(p -> true);
    }

    private static int intProperty(Map<String, Object> properties, String key) {
        return properties.get(key) instanceof Integer i ? i : 0;
    }

    private static long longProperty(Map<String, Object> properties, String key) {
        return properties.get(key) instanceof Long l ? l : Long.MAX_VALUE;
    }
}
