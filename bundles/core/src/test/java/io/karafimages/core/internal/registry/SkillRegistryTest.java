package io.karafimages.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.api.SkillInfo;
import io.karafimages.core.internal.input.InputSchemas;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillResult;

/** Skills are known by their {@code images.skill.id} property only; the best-ranked service per id wins. */
class SkillRegistryTest {
    record CropInput(@Field(required = true) ImageRef image, @Field(min = 0, max = 1) Double x) {
    }

    record NoteInput(@Field(required = true, maxLength = 20) String text) {
    }

    /** A skill that says which one it is; never run here. */
    static final class Named<I> implements Skill<I> {
        private final String title;
        private final Class<I> input;

        Named(String title, Class<I> input) {
            this.title = title;
            this.input = input;
        }

        @Override
        public Class<I> inputType() {
            return input;
        }

        @Override
        public SkillDescriptor descriptor() {
            return SkillDescriptor.builder(title).description("d-" + title).cost(Cost.ofUsd(0.01))
                    .providers(List.of("p1")).build();
        }

        @Override
        public SkillResult run(I input, SkillContext context) {
            throw new AssertionError("not run in a registry test");
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private final SkillRegistry registry = new SkillRegistry();

    private static Map<String, Object> props(String id, int ranking, long serviceId) {
        return Map.of(SkillRegistry.SKILL_ID, id, "service.ranking", ranking, "service.id", serviceId);
    }

    @Test
    void theIdComesOnlyFromTheServiceProperty() {
        registry.addSkill(new Named<>("Crop", CropInput.class), props("crop", 0, 1));
        registry.addSkill(new Named<>("No id", NoteInput.class), Map.of("service.id", 2L));
        registry.addSkill(new Named<>("Blank id", NoteInput.class), Map.of(SkillRegistry.SKILL_ID, " ",
                "service.id", 3L));
        registry.addSkill(new Named<>("Not a string", NoteInput.class), Map.of(SkillRegistry.SKILL_ID, 42,
                "service.id", 4L));
        assertEquals(List.of("crop"), registry.skills().stream().map(SkillInfo::id).toList());
        assertTrue(registry.find("Crop").isEmpty(), "the title is not an id");
        assertTrue(registry.shadowed().isEmpty());
    }

    @Test
    void theBestRankedServicePerIdIsListedOnceAndTheOthersAreShadowed() {
        Named<NoteInput> old = new Named<>("Old", NoteInput.class);
        Named<CropInput> better = new Named<>("Better", CropInput.class);
        Named<NoteInput> tie = new Named<>("Tie, newer", NoteInput.class);
        registry.addSkill(old, props("crop", 0, 5));
        registry.addSkill(better, props("crop", 10, 9));
        registry.addSkill(tie, props("crop", 0, 7));
        registry.addSkill(new Named<>("Note", NoteInput.class), props("note", 0, 8));

        assertEquals(List.of("crop", "note"), registry.skills().stream().map(SkillInfo::id).toList());
        assertSame(better, registry.skill("crop").orElseThrow());
        assertEquals("Better", registry.find("crop").orElseThrow().title());
        assertEquals(List.of(new SkillRegistry.Shadowed("crop", Named.class.getName()),
                new SkillRegistry.Shadowed("crop", Named.class.getName())), registry.shadowed());

        registry.removeSkill(better, props("crop", 10, 9));
        assertSame(old, registry.skill("crop").orElseThrow(), "equal ranking: the older service (lower id) wins");
        assertEquals(1, registry.shadowed().size());
        registry.removeSkill(old, props("crop", 0, 5));
        assertSame(tie, registry.skill("crop").orElseThrow());
        assertTrue(registry.shadowed().isEmpty());
        registry.removeSkill(tie, props("crop", 0, 7));
        assertTrue(registry.find("crop").isEmpty());
        assertEquals(List.of("note"), registry.skills().stream().map(SkillInfo::id).toList());
    }

    @Test
    void theListingIsTheDescriptorPlusASchemaGeneratedFromTheInputType() {
        registry.addSkill(new Named<>("Crop", CropInput.class), props("crop", 0, 1));
        SkillInfo info = registry.find("crop").orElseThrow();
        assertEquals("crop", info.id());
        assertEquals("Crop", info.title());
        assertEquals("d-Crop", info.description());
        assertEquals(Cost.ofUsd(0.01), info.cost());
        assertEquals(List.of("p1"), info.providers());
        assertTrue(info.async());
        assertEquals(InputSchemas.of(CropInput.class), info.inputSchema());
        assertEquals(List.of("image"), info.inputSchema().get("required"));
        assertEquals(info, registry.skills().get(0), "listing and lookup agree");
    }
}
