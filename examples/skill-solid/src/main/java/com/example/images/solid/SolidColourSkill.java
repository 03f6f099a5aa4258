package com.example.images.solid;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.osgi.service.component.annotations.Component;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.skill.ImageOutput;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * The smallest useful third-party skill: {@code POST /v1/apps/images/solid {"color":"#3366ff","width":640,
 * "height":480}} makes an image of one colour. It shows the whole contract: a descriptor with a JSON Schema
 * and a cost, input validation with stable error codes, progress, and a result that the runtime turns into
 * encrypted renditions.
 */
@Component(service = Skill.class)
@SkillId("solid")
public final class SolidColourSkill implements Skill {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final int MAX_SIDE = 2048;

    @Override
    public SkillDescriptor descriptor() {
        return new SkillDescriptor("solid", "Solid colour", "An image of a single colour (example skill).", true,
                Cost.FREE, Map.of("type", "object", "required", List.of("color"), "properties", Map.of(
                        "color", Map.of("type", "string", "pattern", COLOR.pattern()),
                        "width", Map.of("type", "integer", "minimum", 1, "maximum", MAX_SIDE, "default", 512),
                        "height", Map.of("type", "integer", "minimum", 1, "maximum", MAX_SIDE, "default", 512))),
                List.of());
    }

    @Override
    public Map<String, Object> validate(Map<String, Object> input) {
        if (!(input.get("color") instanceof String c) || !COLOR.matcher(c).matches()) {
            throw ImagesException.invalid("invalid_color", "'color' must look like #3366ff.");
        }
        return Map.of("color", c, "width", side(input, "width"), "height", side(input, "height"));
    }

    @Override
    public SkillResult run(Map<String, Object> input, SkillContext context) {
        int w = ((Number) input.get("width")).intValue();
        int h = ((Number) input.get("height")).intValue();
        context.progress(0.5, "painting");
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.decode((String) input.get("color")));
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return SkillResult.image(png.toByteArray(), "image/png",
                new ImageOutput(null, "example/solid-v1", null, null, Cost.FREE, Instant.now(), Map.of()));
    }

    private static int side(Map<String, Object> input, String name) {
        Object v = input.getOrDefault(name, 512);
        if (!(v instanceof Integer i) || i < 1 || i > MAX_SIDE) {
            throw ImagesException.invalid("invalid_size", "'" + name + "' must be an integer from 1 to " + MAX_SIDE + ".");
        }
        return i;
    }
}
