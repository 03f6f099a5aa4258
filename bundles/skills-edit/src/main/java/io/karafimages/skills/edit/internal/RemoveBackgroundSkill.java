package io.karafimages.skills.edit.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * Remove background: the subject stays, the background becomes transparent. The original rendition is a PNG with
 * alpha, and the WebP renditions keep the alpha.
 */
@Component(service = Skill.class)
@SkillId("remove_background")
public final class RemoveBackgroundSkill extends ProviderSkill<RemoveBackgroundSkill.Input> {

    /** The request body. */
    public record Input(
            @Field(required = true, description = "The image to cut out: an embed you own") ImageRef image,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {
    }

    @Activate
    public RemoveBackgroundSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.REMOVE_BACKGROUND, "Remove the background",
                "Keeps the subject and makes the background transparent (a PNG with alpha).");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), false, "removed the background"));
    }
}
