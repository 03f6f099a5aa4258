package com.example.images.solid;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.osgi.service.component.annotations.Component;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * The smallest useful third-party skill: {@code POST /v1/apps/images/solid {"color":"#3366ff","width":640,
 * "height":480}} makes an image of one colour. It shows the whole contract: a typed input whose {@link Field}
 * annotations become the listing's JSON Schema and the runtime's checks, a semantic check with a stable error code
 * in {@link #normalize}, progress and cancellation, and a result that the runtime turns into encrypted renditions.
 * Stateless and thread-safe.
 */
@Component(service = Skill.class)
@SkillId("solid")
public final class SolidColourSkill implements Skill<SolidColourSkill.Input> {
    static final int DEFAULT_SIDE = 512;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    /**
     * The request body. Optional fields are wrapper types with their defaults applied here: the runtime hands an
     * absent field over as {@code null} (and refuses a primitive component that is absent).
     *
     * @param color {@code #rrggbb}
     * @param width pixels, 1 to 2048, default 512
     * @param height pixels, 1 to 2048, default 512
     */
    public record Input(
            @Field(required = true, description = "The colour as #rrggbb, e.g. #3366ff") String color,
            @Field(min = 1, max = 2048, defaultValue = "512", description = "Width in pixels") Integer width,
            @Field(min = 1, max = 2048, defaultValue = "512", description = "Height in pixels") Integer height) {

        public Input {
            width = width == null ? DEFAULT_SIDE : width;
            height = height == null ? DEFAULT_SIDE : height;
        }
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        return SkillDescriptor.builder("Solid colour").description("An image of a single colour (example skill).")
                .cost(Cost.FREE).build();
    }

    /** The colour format is more than {@link Field} can say: checked here, and stored in lower case. */
    @Override
    public Input normalize(Input input) {
        if (!COLOR.matcher(input.color()).matches()) {
            throw ImagesException.invalid("invalid_color", "'color' must look like #3366ff.");
        }
        return new Input(input.color().toLowerCase(Locale.ROOT), input.width(), input.height());
    }

    @Override
    public SkillResult run(Input input, SkillContext context) {
        context.progress(0.1, "painting");
        BufferedImage img = new BufferedImage(input.width(), input.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(Color.decode(input.color()));
            g.fillRect(0, 0, input.width(), input.height());
        } finally {
            g.dispose();
        }
        context.throwIfCancelled(); // a safe point: nothing has been handed out yet
        context.progress(0.5, "encoding");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.progress(1.0, "done");
        return SkillResult.image(png.toByteArray(), "image/png").model("example/solid-v1").build();
    }
}
