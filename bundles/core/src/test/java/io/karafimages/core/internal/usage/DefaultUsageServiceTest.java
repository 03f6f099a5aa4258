package io.karafimages.core.internal.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.api.Usage;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.core.internal.store.TaskRepository;
import io.karafimages.core.internal.store.UsageLedger;
import io.karafimages.core.internal.store.UsageRecord;

/** Security review L12: the reported total is what the budget counts, not the sum of the listed charges. */
class DefaultUsageServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void theTotalCoversEveryChargeNotOnlyTheListedOnes() {
        Usage usage = service(1500).usage("u1");
        assertEquals(DefaultUsageService.LISTED, usage.charges().size());
        assertEquals(1500 * 7, usage.total().credits(), "the store's sum over all 1,500 charges");
        assertEquals(10.5, usage.total().usd(), 1e-9);
    }

    @Test
    void underTheListLimitTheTotalIsTheExactSumOfTheCharges() {
        Usage usage = service(3).usage("u1");
        assertEquals(3, usage.charges().size());
        assertEquals(21, usage.total().credits());
        assertEquals(3 * 0.0071, usage.total().usd(), 1e-9, "USD summed as charged, not rounded to credits");
    }

    /** A store holding {@code charges} charges of 7 credits (0.0071 USD) each for user u1. */
    private static DefaultUsageService service(int charges) {
        List<UsageRecord> all = new ArrayList<>();
        for (int i = 0; i < charges; i++) {
            all.add(new UsageRecord("t" + i, "u1", "generate", "local/x", new Cost(0.0071, 7), NOW.minusSeconds(i)));
        }
        UsageLedger store = (UsageLedger) Proxy.newProxyInstance(UsageLedger.class.getClassLoader(),
                new Class<?>[] { UsageLedger.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "usage" -> all.subList(0, Math.min(all.size(), (Integer) args[2]));
                    case "creditsSince" -> all.stream().mapToLong(r -> r.cost().credits()).sum();
                    case "pendingCredits" -> 0L;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        TaskRepository noTasks = (TaskRepository) Proxy.newProxyInstance(TaskRepository.class.getClassLoader(),
                new Class<?>[] { TaskRepository.class }, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("reading usage creates no task: " + method.getName());
                });
        UsageLimits limits = new UsageLimits(noTasks, store, Configs.of(UsageLimits.Config.class, Map.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        return new DefaultUsageService(store, limits);
    }
}
