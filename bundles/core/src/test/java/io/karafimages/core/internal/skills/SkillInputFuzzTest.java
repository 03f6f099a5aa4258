package io.karafimages.core.internal.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.type.TypeReference;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.input.InputBinder;
import io.karafimages.core.internal.masks.MaskRasterizer;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.MaskRef;

/**
 * Fuzzes the binding of a skill's JSON body, as a client could send it, into the input records the runtime knows
 * (generate, reverse search, and an editing skill's shape: an image, a mask, references), and the submit-time mask
 * check. Any body either binds or is refused with a 400 problem; a bound input survives the store round trip
 * unchanged (the worker rebinds what the request thread stored); a bound mask either draws or is refused as
 * {@code invalid_mask} / {@code mask_empty}. The corpus in {@code SkillInputFuzzTestInputs/} runs in every build.
 */
class SkillInputFuzzTest {

    /** The shape of an editing skill's input (skills-edit's records are built the same way from the same parts). */
    record EditShapedInput(
            @Field(required = true) ImageRef image,
            @Field(required = true) MaskRef mask,
            @Field(maxLength = 1000) String prompt,
            @Field(maxItems = 4) List<ImageRef> references,
            @Field(min = 0, max = 1) Double strength,
            @Field(min = 1, max = 8) Integer count) {
    }

    private static final List<Class<?>> TYPES = List.of(GenerateInput.class, ReverseSearchSkill.Input.class,
            EditShapedInput.class);
    private static final Set<String> MASK_CODES = Set.of(ErrorCodes.INVALID_MASK, ErrorCodes.MASK_EMPTY);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 50_000)
    void bindsAnyBody(byte[] body) {
        Map<String, Object> json;
        try {
            json = InputBinder.strictMapper().readValue(body, MAP);
        } catch (IOException | RuntimeException e) {
            return; // not a JSON object: the REST layer answers malformed_json before binding
        }
        if (json == null) {
            return;
        }
        for (Class<?> type : TYPES) {
            bindOne(json, type);
        }
    }

    private static void bindOne(Map<String, Object> json, Class<?> type) {
        Object bound;
        try {
            bound = InputBinder.bind(json, type);
        } catch (ImagesException e) {
            assertEquals(400, e.httpStatus(), () -> type.getSimpleName() + ": " + e.code() + " " + e.getMessage());
            assertTrue(e.code().matches("[a-z][a-z0-9_]*"), e::code);
            return;
        }
        assertEquals(bound, InputBinder.bind(InputBinder.write(bound), type), "the stored input rebinds unchanged");
        if (bound instanceof EditShapedInput edit && edit.mask().shapes() != null) {
            try {
                MaskRasterizer.check(edit.mask());
            } catch (ImagesException e) {
                assertTrue(MASK_CODES.contains(e.code()), () -> e.code() + " " + e.getMessage());
                assertEquals(400, e.httpStatus());
            }
        }
    }
}
