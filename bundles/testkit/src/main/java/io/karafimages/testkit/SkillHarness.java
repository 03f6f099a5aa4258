package io.karafimages.testkit;

import java.util.Objects;

import org.osgi.annotation.versioning.ProviderType;

import io.karafimages.api.Cost;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.testkit.internal.FieldChecks;
import io.karafimages.testkit.internal.StrictJson;

/**
 * Does with a request body what the runtime does for {@code POST /v1/apps/images/{skill}}, without a container:
 *
 * <ol>
 * <li>binds the JSON to {@link Skill#inputType()} with Jackson, strictly: snake_case JSON names for camelCase
 * components, an unknown field is 400 {@code unknown_field}, a wrong JSON type 400 {@code invalid_<field>} (no
 * coercion: {@code "512"} is not a number, {@code 1.5} not an integer, {@code 5} not a string, {@code null} not a
 * primitive), broken JSON 400 {@code malformed_json};</li>
 * <li>checks the {@link io.karafimages.spi.skill.Field} constraints of records, nested records and lists, with the
 * codes documented there;</li>
 * <li>calls {@link Skill#normalize}, writes the result as JSON (what the runtime stores) and binds it again,
 * strictly, so the input {@link Skill#run} gets is what survives storage;</li>
 * <li>runs the skill with the context the test gives, normally a {@link FakeSkillContext}.</li>
 * </ol>
 *
 * Errors are the {@link io.karafimages.api.ImagesException}s the runtime would answer with. What the harness does
 * not do: check that image inputs are the caller's own before the run (the {@link FakeSkillContext} answers 404
 * for unregistered images when the skill reads them), budgets, retries. Stateless apart from the skill; thread-safe
 * when the skill is.
 *
 * @param <I> the skill's input type
 */
@ProviderType
public final class SkillHarness<I> {
    private final Skill<I> skill;

    private SkillHarness(Skill<I> skill) {
        this.skill = Objects.requireNonNull(skill, "skill");
        Objects.requireNonNull(skill.inputType(), "Skill.inputType() must not be null");
    }

    public static <I> SkillHarness<I> of(Skill<I> skill) {
        return new SkillHarness<>(skill);
    }

    /**
     * Step 1 and 2: the body bound to the input type and checked, before {@link Skill#normalize}.
     *
     * @throws io.karafimages.api.ImagesException 400 as the runtime would answer
     * @throws IllegalStateException when Jackson cannot bind the input type at all (a fault of the skill)
     */
    public I bind(String json) {
        I input = StrictJson.read(Objects.requireNonNull(json, "json"), skill.inputType());
        FieldChecks.check(input);
        return input;
    }

    /**
     * Steps 1 to 3: what a task stores and later hands to {@link Skill#run}.
     *
     * @throws IllegalStateException when {@code normalize} returns null or an input that does not bind again after
     *         it was stored (a fault of the skill: the runtime would fail such tasks)
     */
    public I submit(String json) {
        return restore(stored(json));
    }

    /** The JSON the runtime would store for this body: bound, checked, normalised and written. */
    public String stored(String json) {
        I normalized = skill.normalize(bind(json));
        if (normalized == null) {
            throw new IllegalStateException(skill.getClass().getName() + ".normalize returned null");
        }
        return StrictJson.write(normalized);
    }

    /** What {@link Skill#estimate} answers for the submitted input, checked before a task starts. */
    public Cost estimate(String json) {
        return skill.estimate(submit(json));
    }

    /** Steps 1 to 4: submits the body and runs the skill with {@code context}. */
    public SkillResult run(String json, SkillContext context) {
        I input = submit(json);
        SkillResult result = skill.run(input, Objects.requireNonNull(context, "context"));
        if (result == null) {
            throw new IllegalStateException(skill.getClass().getName() + ".run returned null");
        }
        return result;
    }

    private I restore(String stored) {
        try {
            I input = StrictJson.read(stored, skill.inputType());
            FieldChecks.check(input);
            return input;
        } catch (RuntimeException e) {
            throw new IllegalStateException("The normalised input does not survive storage: " + stored
                    + " does not bind to " + skill.inputType().getName() + " again (" + e.getMessage() + ")", e);
        }
    }
}
