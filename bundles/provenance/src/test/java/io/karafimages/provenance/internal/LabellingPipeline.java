package io.karafimages.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.imaging.ImageFormat;
import io.karafimages.imaging.ImageDecoder;
import io.karafimages.api.RenditionFormat;
import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/**
 * The hook wired as core's rendition pipeline uses it, in small: an instance identity created like at first start,
 * then sanitize, render original (the sanitized PNG itself, else a PNG), full and preview (WebP), label each.
 * Every file it writes is judged by the reference verifier with the instance CA as the only trust anchor.
 */
final class LabellingPipeline {
    /** The three labelled renditions of one image. */
    record Renditions(byte[] original, byte[] full, byte[] preview) {
        List<byte[]> signed() {
            return List.of(original, full);
        }
    }

    private static final ImageDecoder DECODER = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

    private final Path dir;
    private final Path anchor;
    private final AiProvenance provenance;

    LabellingPipeline(Path dir, Map<String, Object> provenanceConfig) throws IOException {
        this.dir = dir;
        SigningIdentity identity = new SigningIdentity(
                Configs.of(SigningIdentity.Config.class, Map.of("directory", dir.resolve("identity").toString())));
        List<X509Certificate> chain = identity.chain();
        this.anchor = Files.writeString(dir.resolve("instance-ca.pem"),
                Pem.chain(List.of(chain.get(chain.size() - 1))));
        this.provenance = new AiProvenance(Configs.of(AiProvenance.Config.class, provenanceConfig), identity);
    }

    Renditions render(byte[] input, ProvenanceInfo info) {
        byte[] source = provenance.sanitize(input, "image/png");
        BufferedImage decoded = DECODER.decode(source);
        byte[] original = ImageFormat.sniff(source).orElseThrow() == ImageFormat.PNG ? source : encode(decoded, "png");
        return new Renditions(provenance.label(original, RenditionFormat.ORIGINAL, source, info),
                provenance.label(webp(decoded), RenditionFormat.FULL, source, info),
                provenance.label(webp(scaled(decoded, 120)), RenditionFormat.PREVIEW, source, info));
    }

    /** One rendition labelled as the runtime does it, e.g. the SVG original of a vectorize result. */
    byte[] label(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
        return provenance.label(rendition, format, source, info);
    }

    /** The original labelled as the runtime does it, with the summary of what was written. */
    ProvenanceHook.Labelled describe(byte[] input, ProvenanceInfo info) {
        byte[] source = provenance.sanitize(input, "image/png");
        byte[] original = ImageFormat.sniff(source).orElseThrow() == ImageFormat.PNG ? source
                : encode(DECODER.decode(source), "png");
        return provenance.labelDescribed(original, RenditionFormat.ORIGINAL, source, info);
    }

    C2paVerify.Report verify(byte[] image, String name) {
        return C2paVerify.verify(write(image, name), anchor);
    }

    Path write(byte[] image, String name) {
        try {
            String suffix = image[0] == 'R' ? ".webp" : image[0] == (byte) 0xff ? ".jpg"
                    : image[0] == '<' ? ".svg" : ".png";
            return Files.write(dir.resolve(name + suffix), image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the file is Trusted under the instance CA, with no failure and a checked hard binding. */
    static C2paVerify.Report trusted(C2paVerify.Report report) {
        assertEquals(0, report.exitCode(), report::toString);
        assertEquals("Trusted", report.state(), report::toString);
        assertEquals(List.of(), report.failureCodes(), report::toString);
        assertTrue(report.activeSuccessCodes().contains("assertion.dataHash.match"), report::toString);
        return report;
    }

    /** The manifest of the store in {@code report} with this label. */
    static JsonNode manifest(C2paVerify.Report report, String label) {
        return report.json().path("manifest_store").path("manifests").path(label);
    }

    /** The labels from the active manifest down its chain of parentOf ingredients. */
    static List<String> parentChain(C2paVerify.Report report) {
        List<String> labels = new ArrayList<>();
        String label = report.json().path("manifest_store").path("active_manifest").asText();
        while (!label.isEmpty()) {
            labels.add(label);
            String next = "";
            for (JsonNode ingredient : manifest(report, label).path("ingredients")) {
                if (ingredient.path("relationship").asText().equals("parentOf")) {
                    next = ingredient.path("active_manifest").asText();
                }
            }
            label = next;
        }
        return labels;
    }

    static List<String> codes(JsonNode ingredient, String kind) {
        List<String> codes = new ArrayList<>();
        ingredient.path("validation_results").path("activeManifest").path(kind)
                .forEach(c -> codes.add(c.path("code").asText()));
        return codes;
    }

    /** A photo-like image; {@code variant} changes the detail so every "edit" has its own pixels. */
    static BufferedImage image(int width, int height, int variant) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, new Color(20, 40, 160)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 30; i++) {
            g.setColor(new Color((i * 53 + variant * 17) % 256, (i * 97) % 256, (i * 31 + variant * 71) % 256));
            g.fillOval((i * 137 + variant * 29) % width, (i * 71) % height, width / 7, height / 9);
        }
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IOException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] webp(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByMIMEType("image/webp").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(rgb(img));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage scaled(BufferedImage img, int width) {
        int height = Math.max(1, img.getHeight() * width / img.getWidth());
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.drawImage(img.getScaledInstance(width, height, Image.SCALE_SMOOTH), 0, 0, null);
        g.dispose();
        return small;
    }

    private static BufferedImage rgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) {
            return img;
        }
        BufferedImage copy = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = copy.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return copy;
    }
}
