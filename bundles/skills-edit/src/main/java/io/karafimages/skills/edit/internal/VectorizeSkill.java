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
 * Vectorize: the image traced into vector shapes. The embed's original is a sanitised SVG; its full and preview
 * renditions are WebP renders of it. Tracing follows outlines and invents nothing, so the edit is recorded as
 * algorithmic whichever provider traced it.
 */
@Component(service = Skill.class)
@SkillId("vectorize")
public final class VectorizeSkill extends ProviderSkill<VectorizeSkill.Input> {

    /** The request body. */
    public record Input(
            @Field(required = true, description = "The image to trace: an embed you own") ImageRef image,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {
    }

    @Activate
    public VectorizeSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.VECTORIZE, "Vectorize",
                "Traces the image into vector shapes: an SVG original (sanitised) with WebP renders of it.");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), false, "vectorized").algorithmic());
    }
}
