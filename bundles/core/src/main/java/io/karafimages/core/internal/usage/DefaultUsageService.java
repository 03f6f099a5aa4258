package io.karafimages.core.internal.usage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.api.Usage;
import io.karafimages.api.UsageService;
import io.karafimages.spi.store.TaskStore;
import io.karafimages.spi.store.UsageRecord;

/** A user's charges in the current budget period. */
@Component(service = UsageService.class)
public final class DefaultUsageService implements UsageService {
    private final TaskStore store;
    private final UsageLimits limits;

    @Activate
    public DefaultUsageService(@Reference TaskStore store, @Reference UsageLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    @Override
    public Usage usage(String userId) {
        var records = store.usage(userId, limits.periodStart(), 1000);
        double usd = records.stream().mapToDouble(r -> r.cost().usd()).sum();
        long credits = records.stream().mapToLong(r -> r.cost().credits()).sum();
        return new Usage(records.stream().map(DefaultUsageService::charge).toList(), new Cost(usd, credits),
                limits.budgetCredits(), limits.periodStart());
    }

    private static Usage.Charge charge(UsageRecord r) {
        return new Usage.Charge(r.taskId(), r.skill(), r.model(), r.cost(), r.createdAt());
    }
}
