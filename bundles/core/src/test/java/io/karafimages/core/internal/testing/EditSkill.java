package io.karafimages.core.internal.testing;

import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicReference;

import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Mask;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillResult;

/**
 * An edit skill as a third party would write one: reads its image and mask through the context, paints the masked
 * pixels white and reports an edit of its input. Remembers what it was given.
 */
public final class EditSkill implements Skill<EditSkill.Input> {
    public static final String MODEL = "test/edit-v1";

    /** @param how {@code generative} (the default) or {@code algorithmic} */
    public record Input(@Field(required = true) ImageRef image, MaskRef mask,
            @Field(allowed = { "generative", "algorithmic" }) String how) {
    }

    public final AtomicReference<InputImage> image = new AtomicReference<>();
    public final AtomicReference<Mask> mask = new AtomicReference<>();

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        return SkillDescriptor.builder("Paint the mask white").build();
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        InputImage source = context.image(in.image());
        image.set(source);
        BufferedImage pixels = source.decoded();
        if (in.mask() != null) {
            Mask m = context.mask(in.mask(), source);
            mask.set(m);
            byte[] gray = m.gray();
            for (int y = 0; y < m.height(); y++) {
                for (int x = 0; x < m.width(); x++) {
                    if ((gray[y * m.width() + x] & 0xff) >= 128) {
                        pixels.setRGB(x, y, 0xffffffff);
                    }
                }
            }
        }
        SkillResult.Edit how = "algorithmic".equals(in.how()) ? SkillResult.Edit.algorithmic(SkillResult.Edit.EDITED)
                : SkillResult.Edit.generative(SkillResult.Edit.EDITED);
        return SkillResult.image(TestImages.encode(pixels, "png"), "image/png").model(MODEL)
                .editOf(in.image(), how).build();
    }
}
