package io.karafimages.skills.edit.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/** Variation: A variation of the image that keeps its subject and style; the same seed gives the same variation. */
@Component(service = Skill.class)
@SkillId("variate")
public final class VariateSkill implements Skill<VariateSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(min = 0, max = 4294967295.0, description = "Makes the variation repeatable") Long seed,
            @Field(defaultValue = "false", description = "true: the cheaper draft tier") Boolean draft,
            @Field(description = "A model id; default: the best installed provider") String model) {

        public Input {
            draft = draft != null && draft;
        }
    }

    private final ProviderEdit edit;

    @Activate
    public VariateSkill(@Reference ProviderCatalog providers) {
        this.edit = new ProviderEdit(providers, ImageOperation.VARIATE);
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        return edit.descriptor("Variation", "A variation of the image that keeps its subject and style; the same seed gives the same variation.");
    }

    @Override
    public Input normalize(Input in) {
        edit.check(in.model(), null);
        return in;
    }

    @Override
    public Cost estimate(Input in) {
        return edit.estimate(in.model(), in.draft());
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), new ProviderEdit.Call(null, null, null, in.seed(), in.model(), in.draft(),
                "variation"));
    }
}
