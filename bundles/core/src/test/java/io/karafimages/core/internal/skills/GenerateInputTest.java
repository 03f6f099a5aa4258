package io.karafimages.core.internal.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.input.InputBinder;
import io.karafimages.core.internal.registry.ProviderRegistry;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.core.internal.testing.ScriptedProvider;

/** The codes a {@code generate} body can be refused with: bound by the runtime, then normalised by the skill. */
class GenerateInputTest {
    private GenerateSkill skill;

    @BeforeEach
    void setUp() {
        ProviderRegistry providers = new ProviderRegistry();
        providers.configure(Configs.of(ProviderRegistry.Config.class, Map.of()));
        providers.addProvider(new ScriptedProvider(), Map.of("service.id", 1L));
        skill = new GenerateSkill(providers, null, null); // no style is looked up before a provider with styles exists
    }

    /** What submit does before anything is stored. */
    private GenerateInput prepare(Map<String, Object> body) {
        return skill.normalize(InputBinder.bind(body, skill.inputType()));
    }

    private void assertCode(String code, Map<String, Object> body) {
        ImagesException e = assertThrows(ImagesException.class, () -> prepare(body));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(400, e.httpStatus());
    }

    private static Map<String, Object> prompt(String key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put("prompt", "a fox");
        m.put(key, value);
        return m;
    }

    @Test
    void defaultsApply() {
        GenerateInput in = prepare(Map.of("prompt", "a fox"));
        assertEquals("a fox", in.prompt());
        assertEquals(false, in.draft());
        assertEquals("1:1", in.aspectRatio());
        assertEquals(List.of(), in.referenceEmbedIds());
        assertEquals(null, in.model());
        GenerateInput full = prepare(Map.of("prompt", "p", "model", "scripted/d", "draft", true, "aspect_ratio",
                "21:9", "reference_embed_ids", List.of("a", "b", "c", "d")));
        assertEquals("scripted/d", full.model());
        assertEquals(4, full.referenceEmbedIds().size());
        assertEquals(21, full.ratio().width());
    }

    @Test
    void aMissingOrBlankPromptIsPromptRequired() {
        assertCode("prompt_required", Map.of());
        assertCode("prompt_required", Map.of("prompt", ""));
        assertCode("prompt_required", Map.of("prompt", "   \n\t"));
        Map<String, Object> nullPrompt = new HashMap<>();
        nullPrompt.put("prompt", null);
        assertCode("prompt_required", nullPrompt);
    }

    @Test
    void aPromptOver4000CharactersIsTooLong() {
        assertEquals(4000, prepare(Map.of("prompt", "x".repeat(4000))).prompt().length());
        assertCode("prompt_too_long", Map.of("prompt", "x".repeat(4001)));
        assertEquals(8000, prepare(Map.of("prompt", "\uD83E\uDD8A".repeat(4000))).prompt().length(),
                "the limit counts characters (code points), not UTF-16 units");
    }

    @Test
    void otherFieldsHaveTheirCodes() {
        assertCode("invalid_aspect_ratio", prompt("aspect_ratio", "5:4"));
        assertCode("invalid_aspect_ratio", prompt("aspect_ratio", 1));
        assertCode("invalid_draft", prompt("draft", "yes"));
        assertCode("invalid_draft", prompt("draft", "true"));
        assertCode("invalid_draft", prompt("draft", 1));
        assertCode("invalid_prompt", Map.of("prompt", 42));
        assertCode("invalid_reference_embed_ids", prompt("reference_embed_ids", List.of("a", "b", "c", "d", "e")));
        assertCode("invalid_reference_embed_ids", prompt("reference_embed_ids", "a"));
        assertCode("invalid_model", prompt("model", List.of("scripted/q")));
        assertCode("unknown_model", prompt("model", "nobody/has-this"));
        assertCode("style_not_supported", prompt("style_id", "s1"));
    }

    @Test
    void unknownFieldsAreRefusedWithTheAllowedNames() {
        ImagesException e = assertThrows(ImagesException.class, () -> prepare(Map.of("promt", "a fox")));
        assertEquals("unknown_field", e.code());
        assertTrue(e.getMessage().contains("'$.promt'") && e.getMessage().contains("aspect_ratio"), e.getMessage());
        assertCode("unknown_field", prompt("aspectRatio", "1:1")); // the wire names are snake_case
        assertCode("unknown_field", prompt("seed", 1));
    }
}
