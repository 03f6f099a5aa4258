package io.karafimages.skills.edit.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/** Erase a region: Removes what the mask covers and fills the area in plausibly. */
@Component(service = Skill.class)
@SkillId("edit_erase_region")
public final class EraseRegionSkill implements Skill<EraseRegionSkill.Input> {
    /** The request body. */
    public record Input(@Field(required = true, description = "The image to edit: an embed you own") ImageRef image,
            @Field(required = true, description = "The region to erase (white = erase)") MaskRef mask,
            @Field(description = "A model id; default: the best installed provider") String model) {
    }

    private final ProviderEdit edit;

    @Activate
    public EraseRegionSkill(@Reference ProviderCatalog providers) {
        this.edit = new ProviderEdit(providers, ImageOperation.ERASE_REGION);
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        return edit.descriptor("Erase a region", "Removes what the mask covers and fills the area in plausibly.");
    }

    @Override
    public Input normalize(Input in) {
        edit.check(in.model(), null);
        return in;
    }

    @Override
    public Cost estimate(Input in) {
        return edit.estimate(in.model(), false);
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        return edit.run(context, in.image(), new ProviderEdit.Call(ProviderEdit.MaskSource.of(in.mask()), null, null, null, in.model(),
                false, "erased the masked region"));
    }
}
