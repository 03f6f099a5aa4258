package io.karafimages.core.internal.skills;

import java.util.List;

import io.karafimages.api.AspectRatio;
import io.karafimages.spi.skill.Field;

/** The body of a {@code generate} request; bound, checked and stored by the runtime. */
record GenerateInput(
        @Field(required = true, maxLength = GenerateInput.MAX_PROMPT, description = "What to draw") String prompt,
        @Field(description = "A model id; default: the best installed model of the tier 'draft' selects")
        String model,
        @Field(defaultValue = "false", description = "true: the cheaper draft model") Boolean draft,
        @Field(allowed = { "1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9" }, defaultValue = "\"1:1\"")
        String aspectRatio,
        @Field(description = "A style from create_style; needs a provider with styles") String styleId,
        @Field(maxItems = GenerateInput.MAX_REFERENCES, description = "Your own embeds to use as references")
        List<String> referenceEmbedIds) {

    static final int MAX_PROMPT = 4000;
    static final int MAX_REFERENCES = 4;

    GenerateInput {
        draft = draft != null && draft;
        aspectRatio = aspectRatio == null ? "1:1" : aspectRatio;
        referenceEmbedIds = referenceEmbedIds == null ? List.of() : List.copyOf(referenceEmbedIds);
    }

    AspectRatio ratio() {
        return AspectRatio.parse(aspectRatio).orElse(AspectRatio.SQUARE);
    }
}
