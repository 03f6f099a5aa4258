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

/** Variation: A variation of the image that keeps its subject and style; the same seed gives the same variation. */
@Component(service = Skill.class)
@SkillId("variate")
public final class VariateSkill extends ProviderSkill<VariateSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(min = 0, max = 4294967295.0, description = "Makes the variation repeatable") Long seed,
            @Field(defaultValue = "false", description = "true: the cheaper draft tier") Boolean draft,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {

        public Input {
            draft = draft != null && draft;
        }
    }

    @Activate
    public VariateSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.VARIATE, "Variation",
                "A variation of the image that keeps its subject and style; the same seed gives the same variation.");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), in.draft(), "variation")
                .seed(in.seed()));
    }
}
