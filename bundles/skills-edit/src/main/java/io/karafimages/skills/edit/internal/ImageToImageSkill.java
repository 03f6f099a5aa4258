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

/** Image to image: A new image guided by the source and the prompt; strength 0 keeps the source, 1 ignores it. */
@Component(service = Skill.class)
@SkillId("edit_image_to_image")
public final class ImageToImageSkill implements Skill<ImageToImageSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(required = true, maxLength = 1000, description = "What to paint") String prompt,
            @Field(min = 0, max = 1, defaultValue = "0.5", description = "0 keeps the source, 1 ignores it")
            Double strength,
            @Field(defaultValue = "false", description = "true: the cheaper draft tier") Boolean draft,
            @Field(description = "true: an SVG result (not available yet)") Boolean vector,
            @Field(description = "A model id; default: the best installed provider") String model) {

        public Input {
            strength = strength == null ? 0.5 : strength;
            draft = draft != null && draft;
        }
    }

    private final ProviderEdit edit;

    @Activate
    public ImageToImageSkill(@Reference ProviderCatalog providers) {
        this.edit = new ProviderEdit(providers, ImageOperation.IMAGE_TO_IMAGE);
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        return edit.descriptor("Image to image", "A new image guided by the source and the prompt; strength 0 keeps the source, 1 ignores it.");
    }

    @Override
    public Input normalize(Input in) {
        edit.check(in.model(), in.vector());
        return in;
    }

    @Override
    public Cost estimate(Input in) {
        return edit.estimate(in.model(), in.draft());
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), new ProviderEdit.Call(null, in.prompt(), in.strength(), null, in.model(),
                in.draft(), "image-to-image at strength " + in.strength()));
    }
}
