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

/** Replace the background: Keeps the subject and replaces the background following the prompt. */
@Component(service = Skill.class)
@SkillId("edit_replace_background")
public final class ReplaceBackgroundSkill extends ProviderSkill<ReplaceBackgroundSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(required = true, maxLength = 1000, description = "The new background") String prompt,
            @Field(description = "true: an SVG result (not available yet)") Boolean vector,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {
    }

    @Activate
    public ReplaceBackgroundSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.REPLACE_BACKGROUND, "Replace the background",
                "Keeps the subject and replaces the background following the prompt.");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), false, "replaced the background")
                .prompt(in.prompt()));
    }
}
