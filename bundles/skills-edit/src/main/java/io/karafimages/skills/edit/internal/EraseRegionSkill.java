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

/** Erase a region: Removes what the mask covers and fills the area in plausibly. */
@Component(service = Skill.class)
@SkillId("edit_erase_region")
public final class EraseRegionSkill extends ProviderSkill<EraseRegionSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(required = true, description = "The region to erase (white = erase)") MaskRef mask,
            @Field(description = "A model id; default: the best installed provider") String model)
            implements EditInput {
    }

    @Activate
    public EraseRegionSkill(@Reference ProviderCatalog providers) {
        super(Input.class, providers, ImageOperation.ERASE_REGION, "Erase a region",
                "Removes what the mask covers and fills the area in plausibly.");
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), ProviderEdit.Call.of(in.model(), false, "erased the masked region")
                .mask(ProviderEdit.MaskSource.of(in.mask())));
    }
}
