package io.karafimages.api;

import java.time.Instant;
import java.util.List;

/**
 * A user's charges in the current budget period.
 *
 * @param budgetCredits the period's budget, or {@code -1} when unlimited
 * @param periodStart when the current budget period began
 */
public record Usage(List<Charge> charges, Cost total, long budgetCredits, Instant periodStart) {
    public Usage {
        charges = List.copyOf(charges);
    }

    /** One charge: one successful billable task. */
    public record Charge(String taskId, String skill, String model, Cost cost, Instant at) {
    }
}
