package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillResult;

class SkillHarnessTest {
    /** A skill with the kinds of input the runtime binds: strings, numbers, booleans, nested images, lists. */
    static final class EchoSkill implements Skill<EchoSkill.Input> {
        record Input(
                @Field(required = true, maxLength = 20) String prompt,
                @Field(min = 1, max = 4, defaultValue = "1") Integer count,
                @Field(allowed = { "fast", "slow" }) String mode,
                @Field(required = true) ImageRef image,
                @Field(maxItems = 2) List<ImageRef> references,
                @Field(min = 0, max = 1, code = "bad_strength") Double strength,
                @Field(defaultValue = "false") Boolean draft) {
            Input {
                count = count == null ? 1 : count;
                draft = draft != null && draft;
                if ("forbidden".equals(prompt)) {
                    throw ImagesException.invalid("prompt_forbidden", "Not that one.");
                }
            }
        }

        private final boolean breakNormalize;

        EchoSkill(boolean breakNormalize) {
            this.breakNormalize = breakNormalize;
        }

        @Override
        public Class<Input> inputType() {
            return Input.class;
        }

        @Override
        public SkillDescriptor descriptor() {
            return SkillDescriptor.builder("Echo").cost(Cost.ofUsd(0.01)).build();
        }

        @Override
        public Input normalize(Input in) {
            return new Input(in.prompt().strip(), breakNormalize ? 99 : in.count(), in.mode() == null ? "fast"
                    : in.mode(), in.image(), in.references(), in.strength(), in.draft());
        }

        @Override
        public Cost estimate(Input in) {
            return Cost.ofUsd(0.01 * in.count());
        }

        @Override
        public SkillResult run(Input in, SkillContext context) {
            context.progress(0.5, "reading");
            byte[] png = context.image(in.image()).bytes();
            return SkillResult.image(png, "image/png").model("test/echo").prompt(in.prompt()).build();
        }
    }

    private final SkillHarness<EchoSkill.Input> harness = SkillHarness.of(new EchoSkill(false));

    @Test
    void bindsSnakeCaseJsonToTheRecordWithItsDefaults() {
        EchoSkill.Input in = harness.bind("{\"prompt\":\" a cat \",\"image\":{\"embed_id\":\"e1\"},\"draft\":true}");
        assertEquals(" a cat ", in.prompt());
        assertEquals(1, in.count());
        assertEquals(new ImageRef("e1", "original"), in.image());
        assertTrue(in.draft());
    }

    @Test
    void submitNormalisesStoresAndBindsAgain() {
        String body = "{\"prompt\":\" a cat \",\"count\":2,\"image\":{\"embed_id\":\"e1\",\"format\":\"full\"}}";
        assertEquals("{\"prompt\":\"a cat\",\"count\":2,\"mode\":\"fast\",\"image\":{\"embed_id\":\"e1\","
                + "\"format\":\"full\"},\"draft\":false}", harness.stored(body));
        EchoSkill.Input in = harness.submit(body);
        assertEquals("a cat", in.prompt());
        assertEquals("fast", in.mode());
        assertEquals(Cost.ofUsd(0.02), harness.estimate(body));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"colour\":1}                 | unknown_field",
        "{\"prompt\":\"p\",\"image\":{\"embedId\":\"e\"}}                                 | unknown_field",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"count\":\"2\"}               | invalid_count",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"count\":1.5}                 | invalid_count",
        "{\"prompt\":5,\"image\":{\"embed_id\":\"e\"}}                                   | invalid_prompt",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"draft\":\"true\"}            | invalid_draft",
        "{\"prompt\":\"p\",\"image\":\"e\"}                                              | invalid_image",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"references\":{}}             | invalid_references",
        "{\"image\":{\"embed_id\":\"e\"}}                                                | prompt_required",
        "{\"prompt\":\"  \",\"image\":{\"embed_id\":\"e\"}}                              | prompt_required",
        "{\"prompt\":\"p\"}                                                              | image_required",
        "{\"prompt\":\"p\",\"image\":{\"format\":\"full\"}}                              | invalid_image",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\",\"format\":\"huge\"}}           | invalid_image",
        "{\"prompt\":\"123456789012345678901\",\"image\":{\"embed_id\":\"e\"}}           | prompt_too_long",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"mode\":\"medium\"}           | invalid_mode",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"count\":5}                   | invalid_count",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"strength\":2}                | bad_strength",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"},\"references\":[{\"embed_id\":\"a\"},{\"embed_id\":\"b\"},{\"embed_id\":\"c\"}]} | invalid_references",
        "{\"prompt\":\"forbidden\",\"image\":{\"embed_id\":\"e\"}}                       | prompt_forbidden",
        "{\"prompt\":\"p\",                                                              | malformed_json",
        "[]                                                                              | malformed_json",
        "null                                                                            | malformed_json",
        "{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"}} {}                            | malformed_json",
    })
    void refusesBadBodiesWithTheRuntimesCodes(String body, String code) {
        ImagesException e = assertThrows(ImagesException.class, () -> harness.bind(body.strip()));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(400, e.httpStatus());
    }

    /** Jackson hands an absent creator property over as null: a primitive component is in effect required. */
    record Primitive(int size) {
    }

    @Test
    void aPrimitiveComponentMustBePresent() {
        Skill<Primitive> skill = new Skill<>() {
            @Override
            public Class<Primitive> inputType() {
                return Primitive.class;
            }

            @Override
            public SkillDescriptor descriptor() {
                return SkillDescriptor.builder("Primitive").build();
            }

            @Override
            public SkillResult run(Primitive input, SkillContext context) {
                throw new AssertionError("never runs");
            }
        };
        SkillHarness<Primitive> primitive = SkillHarness.of(skill);
        assertEquals(3, primitive.bind("{\"size\":3}").size());
        assertEquals("invalid_size", assertThrows(ImagesException.class, () -> primitive.bind("{}")).code());
        assertEquals("invalid_size", assertThrows(ImagesException.class,
                () -> primitive.bind("{\"size\":null}")).code());
    }

    @Test
    void errorsNameTheJsonPath() {
        ImagesException e = assertThrows(ImagesException.class,
                () -> harness.bind("{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\",\"size\":3}}"));
        assertTrue(e.getMessage().contains("$.image.size"), e.getMessage());
    }

    @Test
    void anInputThatDoesNotSurviveStorageIsTheSkillsFault() {
        SkillHarness<EchoSkill.Input> broken = SkillHarness.of(new EchoSkill(true));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> broken.submit("{\"prompt\":\"p\",\"image\":{\"embed_id\":\"e\"}}"));
        assertTrue(e.getMessage().contains("does not survive storage"), e.getMessage());
    }

    @Test
    void anInputTypeJacksonCannotBindIsTheSkillsFault() {
        Skill<Runnable> odd = new Skill<>() {
            @Override
            public Class<Runnable> inputType() {
                return Runnable.class;
            }

            @Override
            public SkillDescriptor descriptor() {
                return SkillDescriptor.builder("Odd").build();
            }

            @Override
            public SkillResult run(Runnable input, SkillContext context) {
                throw new AssertionError("never runs");
            }
        };
        assertThrows(IllegalStateException.class, () -> SkillHarness.of(odd).bind("{}"));
    }

    @Test
    void runHandsTheStoredInputAndTheContextToTheSkill() {
        FakeSkillContext context = FakeSkillContext.create();
        byte[] png = TestImages.solidPng(4, 4, Color.ORANGE);
        context.addImage("e1", png, false);
        SkillResult result = harness.run("{\"prompt\":\" hi \",\"image\":{\"embed_id\":\"e1\"}}", context);
        assertEquals("hi", result.prompt().orElseThrow());
        assertEquals(png.length, result.image().length);
        assertEquals(0.5, context.lastProgress().orElseThrow().fraction());

        assertEquals("not_found", assertThrows(ImagesException.class,
                () -> harness.run("{\"prompt\":\"p\",\"image\":{\"embed_id\":\"someone-elses\"}}", context)).code());
    }
}
