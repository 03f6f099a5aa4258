package io.karafimages.core.internal.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;
import io.karafimages.core.internal.store.UsageLedger;

/**
 * The checks that run before any work starts: a per-user rate limit on starting tasks (a token bucket on each
 * node) and a per-user budget per period, which counts what was charged plus what queued and running tasks are
 * expected to cost. {@link #checkBudget} refuses early; {@link #create} checks again atomically with the insert,
 * so parallel requests (on any node) cannot overspend it.
 */
@Component(service = UsageLimits.class, configurationPid = "images.usage")
@Designate(ocd = UsageLimits.Config.class)
public final class UsageLimits {

    @ObjectClassDefinition(name = "Karaf Images: budgets and rate limits",
            description = "Per-user limits checked before a task is created.")
    public @interface Config {
        @AttributeDefinition(name = "Budget (credits)", description = "What one user may spend per period, in "
                + "credits (1 credit = 0.001 USD). 0: no budget. Over it, new work gets 402 budget_exceeded.")
        long budget_credits() default 0;

        @AttributeDefinition(name = "Budget period", description = "month, day or total.")
        String budget_period() default "month";

        @AttributeDefinition(name = "Tasks per minute", description = "How many tasks one user may start per "
                + "minute on this node (token bucket). 0: unlimited. Over it: 429 rate_limited with Retry-After.")
        int rate_per_minute() default 60;

        @AttributeDefinition(name = "Burst", description = "How many tasks one user may start at once before the "
                + "per-minute rate applies.")
        int rate_burst() default 20;
    }

    private final TaskRepository tasks;
    private final UsageLedger ledger;
    private final Config config;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Activate
    public UsageLimits(@Reference TaskRepository tasks, @Reference UsageLedger ledger, Config config) {
        this(tasks, ledger, config, Clock.systemUTC());
    }

    public UsageLimits(TaskRepository tasks, UsageLedger ledger, Config config, Clock clock) {
        this.tasks = tasks;
        this.ledger = ledger;
        this.config = config;
        this.clock = clock;
    }

    /** @throws ImagesException 429 {@code rate_limited} with Retry-After */
    public void checkRate(String userId) {
        if (config.rate_per_minute() <= 0) {
            return;
        }
        TokenBucket bucket = buckets.computeIfAbsent(userId,
                id -> new TokenBucket(Math.max(1, config.rate_burst()), config.rate_per_minute() / 60.0, clock));
        Duration wait = bucket.take();
        if (!wait.isZero()) {
            throw new ImagesException("rate_limited", 429, true, "Too many tasks started; at most "
                    + config.rate_per_minute() + " per minute are allowed.", wait, null);
        }
    }

    /** @throws ImagesException 402 {@code budget_exceeded} when this cost would exceed the budget */
    public void checkBudget(String userId, Cost cost) {
        if (config.budget_credits() <= 0 || cost.credits() <= 0) {
            return;
        }
        long committed = ledger.creditsSince(userId, periodStart()) + ledger.pendingCredits(userId);
        if (committed + cost.credits() > config.budget_credits()) {
            throw exceeded(cost.credits(), committed);
        }
    }

    /**
     * Inserts a task and its embed, within the owner's budget: the check and the insert are one atomic step per
     * owner in the store, so of parallel submits only those the budget covers are created.
     *
     * @return false when the task's idempotency key is already taken (nothing was written)
     * @throws ImagesException 402 {@code budget_exceeded} when the task's estimated credits would exceed the budget
     */
    public boolean create(TaskRecord task, EmbedRecord embed) {
        if (config.budget_credits() <= 0 || task.estimatedCredits() <= 0) {
            return tasks.create(task, embed);
        }
        Instant since = periodStart();
        return switch (tasks.createWithinBudget(task, embed, config.budget_credits(), since)) {
            case CREATED -> true;
            case DUPLICATE -> false;
            case OVER_BUDGET -> throw exceeded(task.estimatedCredits(),
                    ledger.creditsSince(task.ownerId(), since) + ledger.pendingCredits(task.ownerId()));
        };
    }

    private ImagesException exceeded(long credits, long committed) {
        return new ImagesException("budget_exceeded", 402, false, "This would cost " + credits + " credits; "
                + Math.max(0, config.budget_credits() - committed) + " of your " + config.budget_credits()
                + " credits are left this " + config.budget_period() + ".");
    }

    /** -1 when unlimited. */
    public long budgetCredits() {
        return config.budget_credits() <= 0 ? -1 : config.budget_credits();
    }

    public Instant periodStart() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return switch (config.budget_period()) {
            case "day" -> today.atStartOfDay(ZoneOffset.UTC).toInstant();
            case "total" -> Instant.EPOCH;
            default -> today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }
}
