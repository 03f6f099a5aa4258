package io.karafimages.skills.edit.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.osgi.service.component.annotations.Component;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * Crop: the exact pixels of a rectangle given in fractions of the image (so a rectangle drawn on the preview
 * applies to the original), done here, free, no provider. Recorded as {@code c2pa.cropped}; the original stays a
 * lossless PNG and keeps any alpha.
 */
@Component(service = Skill.class)
@SkillId("crop")
public final class CropSkill implements Skill<CropSkill.Input> {
    static {
        // Decrypted plaintext must not reach ImageIO's file cache (imageio*.tmp in java.io.tmpdir). JVM-wide,
        // so it also covers streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    static final String MODEL = "local/crop-v1";

    /** The rectangle to keep, in fractions 0..1 of the image's width and height. */
    public record Rect(
            @Field(required = true, min = 0, max = 1) Double x,
            @Field(required = true, min = 0, max = 1) Double y,
            @Field(required = true, min = 0, max = 1) Double w,
            @Field(required = true, min = 0, max = 1) Double h) {
    }

    /** The request body. */
    public record Input(
            @Field(required = true, description = "The image to crop: an embed you own") ImageRef image,
            @Field(required = true, description = "What to keep, in fractions of the width and height") Rect rect) {
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        return SkillDescriptor.builder("Crop").description("Keeps the exact pixels of a rectangle given in fractions "
                + "of the image; free.").cost(Cost.FREE).build();
    }

    @Override
    public Input normalize(Input in) {
        Rect r = in.rect();
        if (r.w() <= 0 || r.h() <= 0 || r.x() + r.w() > 1.000001 || r.y() + r.h() > 1.000001) {
            throw ImagesException.invalid("invalid_rect", "'rect' must have a positive width and height and lie "
                    + "inside the image (x + w <= 1, y + h <= 1).");
        }
        return in;
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        context.progress(0.1, "reading the source image");
        InputImage image = context.image(in.image());
        int x0 = (int) Math.round(in.rect().x() * image.width());
        int y0 = (int) Math.round(in.rect().y() * image.height());
        int x1 = Math.min(image.width(), (int) Math.round((in.rect().x() + in.rect().w()) * image.width()));
        int y1 = Math.min(image.height(), (int) Math.round((in.rect().y() + in.rect().h()) * image.height()));
        if (x1 <= x0 || y1 <= y0) {
            throw ImagesException.invalid("invalid_rect", "The rectangle is less than one pixel of this "
                    + image.width() + "x" + image.height() + " image.");
        }
        BufferedImage source = image.decoded();
        BufferedImage cropped = new BufferedImage(x1 - x0, y1 - y0, source.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        cropped.setRGB(0, 0, x1 - x0, y1 - y0, source.getRGB(x0, y0, x1 - x0, y1 - y0, null, 0, x1 - x0), 0,
                x1 - x0);
        context.throwIfCancelled();
        String how = "cropped to " + (x1 - x0) + "x" + (y1 - y0) + " at " + x0 + "," + y0;
        return SkillResult.image(png(cropped), "image/png").model(MODEL).cost(Cost.FREE)
                .editOf(in.image(), SkillResult.Edit.algorithmic(SkillResult.Edit.CROPPED).describedAs(how))
                .build();
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image, "png", ios);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
