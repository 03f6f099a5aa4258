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

/** Image to image: A new image guided by the source and the prompt; strength 0 keeps the source, 1 ignores it. */
@Component(service = Skill.class)
@SkillId("edit_image_to_image")
public final class ImageToImageSkill extends ProviderSkill<ImageToImageSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(required = true, maxLength = 1000, description = "What to paint") String prompt,
            @Field(min = 0, max = 1, defaultValue = "0.5", description = "0 keeps the source, 1 ignores it")
            Double strength,
            @Field(defaultValue = "false", description = "true: the cheaper draft tier") Boolean draft,
            @Field(description = "true: an SVG result (not available yet)") Boolean vector,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {

        public Input {
            strength = strength == null ? 0.5 : strength;
            draft = draft != null && draft;
        }
    }

    @Activate
    public ImageToImageSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.IMAGE_TO_IMAGE, "Image to image",
                "A new image guided by the source and the prompt; strength 0 keeps the source, 1 ignores it.");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), in.draft(),
                "image-to-image at strength " + in.strength()).prompt(in.prompt()).strength(in.strength()));
    }
}
