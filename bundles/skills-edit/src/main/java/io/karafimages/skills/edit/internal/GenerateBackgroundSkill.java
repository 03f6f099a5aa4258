package io.karafimages.skills.edit.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * Generate a background: keeps the subject and paints a fitting background around it. Providers need a mask that
 * is white over the background; without one from the caller the skill finds the background itself
 * ({@link BackgroundMask}).
 */
@Component(service = Skill.class)
@SkillId("edit_generate_background")
public final class GenerateBackgroundSkill extends ProviderSkill<GenerateBackgroundSkill.Input> {
    static final String DEFAULT_PROMPT = "a clean, fitting background that suits the subject";

    /** The request body. */
    public record Input(
            @Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(description = "Where the background is (white = background); default: found automatically")
            MaskRef mask,
            @Field(maxLength = 1000, description = "What the background should look like; optional") String prompt,
            @Field(description = "true: an SVG result (not available yet)") Boolean vector,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {
    }

    @Activate
    public GenerateBackgroundSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.GENERATE_BACKGROUND, "Generate a background",
                "Keeps the subject and generates a fitting background; the mask, when given, marks the background.");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        ProviderEdit.MaskSource mask = in.mask() != null ? ProviderEdit.MaskSource.of(in.mask())
                : (ctx, image) -> BackgroundMask.png(image.decoded());
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), false, "generated a background")
                .mask(mask).prompt(in.prompt() == null ? DEFAULT_PROMPT : in.prompt()));
    }
}
