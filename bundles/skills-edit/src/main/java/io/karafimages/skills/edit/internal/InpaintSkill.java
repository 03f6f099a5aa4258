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

/** Inpaint: Repaints the masked region of an image following the prompt. */
@Component(service = Skill.class)
@SkillId("edit_inpaint")
public final class InpaintSkill extends ProviderSkill<InpaintSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(required = true, description = "The region to repaint (white = edit)") MaskRef mask,
            @Field(required = true, maxLength = 1000, description = "What to paint") String prompt,
            @Field(description = "true: an SVG result (not available yet)") Boolean vector,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {
    }

    @Activate
    public InpaintSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.INPAINT, "Inpaint",
                "Repaints the masked region of an image following the prompt.");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), false,
                "inpainted the masked region").mask(ProviderEdit.MaskSource.of(in.mask())).prompt(in.prompt()));
    }
}
