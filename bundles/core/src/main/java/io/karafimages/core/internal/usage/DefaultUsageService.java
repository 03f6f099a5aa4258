package io.karafimages.core.internal.usage;

import java.time.Instant;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.api.Usage;
import io.karafimages.api.UsageService;
import io.karafimages.core.internal.store.UsageLedger;
import io.karafimages.core.internal.store.UsageRecord;

/**
 * A user's charges in the current budget period: the newest {@value #LISTED} charges, and the total summed by
 * the store over all of them, the same sum the budget check uses (security review L12: the total was summed
 * over the listed 1,000 only, so a heavy user saw less than the budget counted).
 */
@Component(service = UsageService.class)
public final class DefaultUsageService implements UsageService {
    private final UsageLedger store;
    private final UsageLimits limits;

    @Activate
    public DefaultUsageService(@Reference UsageLedger store, @Reference UsageLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    static final int LISTED = 1000;

    @Override
    public Usage usage(String userId) {
        Instant since = limits.periodStart();
        var records = store.usage(userId, since, LISTED);
        long credits = records.size() < LISTED ? records.stream().mapToLong(r -> r.cost().credits()).sum()
                : store.creditsSince(userId, since);
        // exact to the cent when every charge is listed; past that in credits (1 credit = 0.001 USD)
        double usd = records.size() < LISTED ? records.stream().mapToDouble(r -> r.cost().usd()).sum()
                : credits / 1000.0;
        return new Usage(records.stream().map(DefaultUsageService::charge).toList(), new Cost(usd, credits),
                limits.budgetCredits(), since);
    }

    private static Usage.Charge charge(UsageRecord r) {
        return new Usage.Charge(r.taskId(), r.skill(), r.model(), r.cost(), r.createdAt());
    }
}
