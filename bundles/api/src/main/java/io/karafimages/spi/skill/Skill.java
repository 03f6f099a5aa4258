package io.karafimages.spi.skill;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A unit of image work that users start through {@code POST /v1/apps/images/{id}}.
 *
 * <p>Register an implementation as an OSGi service with the {@link SkillId} property; the runtime picks it
 * up (and drops it) without a restart. {@link #validate} runs on the request thread and must be cheap;
 * {@link #run} runs on a task-engine worker, possibly on another node and possibly more than once
 * (retries, a crashed node), so it must not have side effects outside what it returns.
 */
@ConsumerType
public interface Skill {

    /** What the listing shows. Called often: return a constant. */
    SkillDescriptor descriptor();

    /**
     * Checks and normalises the caller's JSON input (already parsed into maps, lists, strings, numbers and
     * booleans).
     *
     * @return the normalised input that {@link #run} will receive
     * @throws io.karafimages.api.ImagesException with status 400 and a code that says what to fix
     */
    Map<String, Object> validate(Map<String, Object> input);

    /**
     * Does the work. Throw an {@link io.karafimages.api.ImagesException} with {@code retryable=true} for
     * transient faults (the engine retries with backoff) and {@code false} for final ones.
     *
     * @param input what {@link #validate} returned
     */
    SkillResult run(Map<String, Object> input, SkillContext context);

    /**
     * What running this input is expected to cost, checked against the user's budget before anything starts.
     * The default is the descriptor's cost.
     *
     * @param input what {@link #validate} returned
     */
    default io.karafimages.api.Cost cost(Map<String, Object> input) {
        return descriptor().cost();
    }
}
