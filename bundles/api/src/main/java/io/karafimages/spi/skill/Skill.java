package io.karafimages.spi.skill;

import org.osgi.annotation.versioning.ConsumerType;

import io.karafimages.api.Cost;

/**
 * A unit of image work that users start through {@code POST /v1/apps/images/{id}}.
 *
 * <p><b>Registration.</b> Register an implementation as an OSGi service with the {@link SkillId} property; the
 * id comes only from there (REST path, listing, task records). When several services claim one id, the one with
 * the highest {@code service.ranking} (then the lowest {@code service.id}) is listed and runs; the others are
 * reported as shadowed. Installing or removing the bundle adds or removes the skill without a restart.
 *
 * <p><b>Input.</b> A skill declares its request body as a type, normally a record whose components are named in
 * camelCase ({@code aspectRatio} is the JSON field {@code aspect_ratio}). The runtime binds the body to it once,
 * strictly: an unknown field is 400 {@code unknown_field}, a wrong JSON type 400 {@code invalid_<field>} with the
 * JSON path in the detail; the {@link Field} constraints are checked; {@link ImageRef} and {@link MaskRef}
 * components are checked for ownership and readiness. It then calls {@link #normalize}, stores the result, and
 * binds the same type again for {@link #run}, so {@code run} sees exactly the types {@code normalize} returned.
 * The listing's JSON Schema is generated from the same type and annotations.
 *
 * <p><b>Threads.</b> {@link #normalize} and {@link #estimate} run on request threads and must be cheap;
 * {@link #run} runs on a task-engine worker, possibly on another node and possibly more than once (retries, a
 * crashed node), so it must not have side effects outside what it returns. Implementations are thread-safe.
 *
 * @param <I> the input type
 */
@ConsumerType
public interface Skill<I> {

    /** The type the request body binds to: a record (or a Jackson-bindable class). */
    Class<I> inputType();

    /** What the listing shows. Called often: cheap. */
    SkillDescriptor descriptor();

    /**
     * Semantic checks and defaults beyond the {@link Field} constraints.
     *
     * @return the input to store and later {@link #run}; must serialise back to the same type
     * @throws io.karafimages.api.ImagesException {@code ImagesException.invalid(code, message)} for input the caller
     *         must fix
     */
    default I normalize(I input) {
        return input;
    }

    /**
     * What running this input is expected to cost, checked against the user's budget before anything starts.
     * What is finally charged is {@link SkillResult#cost()}.
     */
    default Cost estimate(I input) {
        return descriptor().cost();
    }

    /**
     * Does the work. Throw an {@link io.karafimages.api.ImagesException} with {@code retryable=true} for transient
     * faults (the engine retries with backoff) and {@code false} for final ones; call
     * {@link SkillContext#throwIfCancelled()} at safe points.
     */
    SkillResult run(I input, SkillContext context);
}
