package io.karafimages.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.imaging.JpegSegments;
import io.karafimages.imaging.ImageDecoder;
import io.karafimages.c2pa.C2paWriter;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.testsupport.C2paVerify;

/** Stripping and labelling, checked with exiftool (an independent reader). */
class MetadataTest {
    private final MetadataStripper stripper = new MetadataStripper(new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS));
    private static final XmpLabels.Labels LABELS = new XmpLabels.Labels(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA,
            "local/procedural-v1", "v1",
            "a fox <in> the \"snow\" & more", "Karaf Images 0.1.0", "Made with Karaf Images");

    @Test
    void jpegLosesGpsAndCameraAndIsTurnedUpright() throws Exception {
        Path jpeg = ExifTool.temp(encode(marked(300, 200), "jpeg"), ".jpg");
        ExifTool.write(jpeg, "-GPSLatitude=48.85", "-GPSLatitudeRef=N", "-GPSLongitude=2.35", "-GPSLongitudeRef=E",
                "-Make=Canon", "-Model=EOS R5", "-SerialNumber=1234", "-Orientation#=6", "-Comment=secret");
        JsonNode before = ExifTool.read(jpeg);
        assertTrue(before.has("GPS:GPSLatitude"), "the test image really has GPS");

        byte[] clean = stripper.strip(Files.readAllBytes(jpeg));
        JsonNode after = ExifTool.read(ExifTool.temp(clean, ".img"));
        after.fieldNames().forEachRemaining(tag -> {
            assertFalse(tag.startsWith("GPS") || tag.contains(":GPS"), "GPS left: " + tag);
            assertFalse(tag.endsWith(":Make") || tag.endsWith(":Model") || tag.endsWith(":SerialNumber"), tag);
            assertFalse(tag.endsWith(":Comment") || tag.endsWith(":Orientation"), tag);
        });
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(clean));
        assertEquals(200, upright.getWidth(), "orientation 6 = rotate 90 degrees clockwise");
        assertEquals(300, upright.getHeight());
        assertTrue(isRed(upright.getRGB(upright.getWidth() - 5, 5)), "the top-left marker is now top-right");
    }

    @Test
    void uprightJpegKeepsItsCompressedPixelsAndColourProfile() throws Exception {
        Path jpeg = ExifTool.temp(encode(marked(120, 80), "jpeg"), ".jpg");
        ExifTool.write(jpeg, "-GPSLatitude=1", "-GPSLatitudeRef=N", "-Comment=hi", "-XMP-dc:Creator=someone");
        byte[] original = Files.readAllBytes(jpeg);
        byte[] clean = stripper.strip(original);
        assertArrayEquals(scan(original), scan(clean), "no re-encode");
        JsonNode after = ExifTool.read(ExifTool.temp(clean, ".jpg"));
        assertFalse(after.toString().contains("someone"), "foreign XMP removed");
        assertFalse(after.has("GPS:GPSLatitude"));
    }

    @Test
    void pngLosesTextAndExifChunks() throws Exception {
        Path png = ExifTool.temp(encode(marked(64, 48), "png"), ".png");
        ExifTool.write(png, "-PNG:Comment=secret", "-EXIF:Make=Canon", "-XMP-dc:Creator=someone");
        byte[] clean = stripper.strip(Files.readAllBytes(png));
        String tags = ExifTool.read(ExifTool.temp(clean, ".png")).toString();
        assertFalse(tags.contains("secret") || tags.contains("Canon") || tags.contains("someone"), tags);
        assertEquals(64, ImageIO.read(new ByteArrayInputStream(clean)).getWidth());
    }

    @Test
    void xmpLabelsAreReadBackByExifToolFromPngWebpAndJpeg() throws Exception {
        String xmp = XmpLabels.packet(LABELS);
        byte[][] images = { encode(marked(64, 48), "png"), encode(marked(64, 48), "jpeg"),
            Files.readAllBytes(C2paVerify.home().resolve("fixtures/src/gradient.webp")) };
        for (byte[] image : images) {
            byte[] labelled = XmpEmbedder.embed(XmpEmbedder.embed(image, xmp), xmp);
            JsonNode tags = ExifTool.read(ExifTool.temp(labelled, ".img"));
            assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, tags.get("XMP-iptcExt:DigitalSourceType").asText());
            assertEquals("local/procedural-v1", tags.get("XMP-iptcExt:AISystemUsed").asText());
            assertEquals("v1", tags.get("XMP-iptcExt:AISystemVersionUsed").asText());
            assertEquals("a fox <in> the \"snow\" & more", tags.get("XMP-iptcExt:AIPromptInformation").asText());
            assertEquals("Karaf Images 0.1.0", tags.get("XMP-xmp:CreatorTool").asText());
            assertEquals("Made with Karaf Images", tags.get("XMP-photoshop:Credit").asText());
            assertFalse(tags.has("ExifTool:Warning"), "exiftool warns: " + tags.get("ExifTool:Warning"));
            BufferedImage decoded = decode(labelled);
            assertTrue(decoded == null || decoded.getWidth() > 0);
        }
    }

    @Test
    void promptCanBeLeftOut() {
        String xmp = XmpLabels.packet(new XmpLabels.Labels(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, "m", "1", null,
                "t", "c"));
        assertFalse(xmp.contains("AIPromptInformation"));
    }

    @Test
    void theDigitalSourceTypeIsTheOneGivenAndWithoutAModelNoAiSystemIsNamed() throws Exception {
        String xmp = XmpLabels.packet(new XmpLabels.Labels(ProvenanceInfo.ALGORITHMICALLY_ENHANCED, null, null, null,
                "Karaf Images 0.1.0", "c"));
        JsonNode tags = ExifTool.read(ExifTool.temp(XmpEmbedder.embed(encode(marked(32, 32), "png"), xmp), ".png"));
        assertEquals(ProvenanceInfo.ALGORITHMICALLY_ENHANCED, tags.get("XMP-iptcExt:DigitalSourceType").asText());
        assertFalse(tags.has("XMP-iptcExt:AISystemUsed") || tags.has("XMP-iptcExt:AISystemVersionUsed"),
                tags.toString());
    }

    @Test
    void aLeftoverC2paStoreIsRemovedFromEveryFormatAndNothingElseChanges() throws Exception {
        Path fixtures = C2paVerify.home().resolve("fixtures");
        for (String name : List.of("ref/node-es256.png", "ref/node-es256.webp", "ref/node-es256.jpg")) {
            byte[] signed = Files.readAllBytes(fixtures.resolve(name));
            assertTrue(C2paWriter.readManifestStore(signed).isPresent(), name);
            byte[] bare = MetadataStripper.withoutManifestStore(signed);
            assertTrue(C2paWriter.readManifestStore(bare).isEmpty(), name);
            assertEquals(DECODER.decode(signed).getWidth(), DECODER.decode(bare).getWidth(), name);
            assertArrayEquals(bare, MetadataStripper.withoutManifestStore(bare), "no store: the same bytes");
        }
    }

    private static final ImageDecoder DECODER = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

    /** The entropy-coded rest of a JPEG: from its start of scan on. */
    private static byte[] scan(byte[] jpeg) {
        int from = JpegSegments.read(jpeg).restStart();
        return java.util.Arrays.copyOfRange(jpeg, from, jpeg.length);
    }

    private static BufferedImage marked(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.dispose();
        return img;
    }

    private static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 200 && c.getBlue() < 80;
    }

    private static byte[] encode(BufferedImage img, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] data) throws Exception {
        Iterator<?> readers = ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(data)));
        return readers.hasNext() ? ImageIO.read(new ByteArrayInputStream(data)) : null;
    }
}
