package io.karafimages.skills.edit.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * Upscale: the same picture, {@code scale} times larger. {@code crisp} stays faithful to the source (recorded as
 * {@code c2pa.resized}); {@code creative} invents detail and costs far more at Recraft (recorded as
 * {@code c2pa.edited}). A result over the instance's pixel limit is refused before any provider is called.
 */
@Component(service = Skill.class)
@SkillId("upscale")
public final class UpscaleSkill implements Skill<UpscaleSkill.Input> {

    /** The request body. */
    public record Input(
            @Field(required = true, description = "The image to enlarge: an embed you own") ImageRef image,
            @Field(allowed = { "crisp", "creative" }, defaultValue = "\"crisp\"",
                    description = "crisp: faithful; creative: invents detail (much more expensive)") String mode,
            @Field(min = 2, max = 4, defaultValue = "2", description = "2 or 4") Integer scale,
            @Field(description = "A model id; default: the best installed provider") String model) {

        public Input {
            mode = mode == null ? "crisp" : mode;
            scale = scale == null ? 2 : scale;
        }

        boolean creative() {
            return "creative".equals(mode);
        }
    }

    private final ProviderEdit crisp;
    private final ProviderEdit creative;

    @Activate
    public UpscaleSkill(@Reference ProviderCatalog providers) {
        this.crisp = new ProviderEdit(providers, ImageOperation.UPSCALE_CRISP);
        this.creative = new ProviderEdit(providers, ImageOperation.UPSCALE_CREATIVE);
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        return crisp.descriptor("Upscale", "The same picture 2 or 4 times larger; mode 'creative' invents detail and "
                + "costs more (the listed price is crisp's).");
    }

    @Override
    public Input normalize(Input in) {
        if (in.scale() != 2 && in.scale() != 4) {
            throw ImagesException.invalid("invalid_scale", "'scale' must be 2 or 4.");
        }
        edit(in).check(in.model(), null);
        return in;
    }

    @Override
    public Cost estimate(Input in) {
        return edit(in).estimate(in.model(), false);
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        InputImage image = context.image(in.image());
        long pixels = (long) image.width() * image.height() * in.scale() * in.scale();
        if (pixels > context.maxPixels()) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "Upscaled " + in.scale() + "x, the "
                    + image.width() + "x" + image.height() + " image would have " + pixels + " pixels; this instance "
                    + "accepts at most " + context.maxPixels() + ". Crop it first or use scale 2.");
        }
        ProviderEdit.Call call = ProviderEdit.Call.of(in.model(), false, in.mode() + " upscale " + in.scale() + "x")
                .scale(in.scale()).action(in.creative() ? SkillResult.Edit.EDITED : SkillResult.Edit.RESIZED);
        return edit(in).run(context, in.image(), call);
    }

    private ProviderEdit edit(Input in) {
        return in.creative() ? creative : crisp;
    }
}
