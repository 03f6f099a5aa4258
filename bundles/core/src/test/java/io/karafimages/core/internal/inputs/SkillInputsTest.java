package io.karafimages.core.internal.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.tasks.DefaultTaskService;
import io.karafimages.core.internal.testing.EditSkill;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Mask;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.MaskShape;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillResult;

/**
 * Image and mask references: checked at submit (ownership, readiness, masks) so that nothing is queued for bad
 * input, and read for the running skill at the image's size.
 */
class SkillInputsTest {
    private static final Map<String, Object> RECT = Map.of("type", "rect", "x", 0.25, "y", 0.25, "w", 0.5, "h", 0.5);
    private Harness harness;
    private DefaultTaskService tasks;
    private String photo;

    /** The mask declared before the image it belongs to. */
    record MaskFirst(MaskRef mask, @Field(required = true) ImageRef image) {
    }

    static final class MaskFirstSkill implements Skill<MaskFirst> {
        @Override
        public Class<MaskFirst> inputType() {
            return MaskFirst.class;
        }

        @Override
        public SkillDescriptor descriptor() {
            return SkillDescriptor.builder("Mask first").build();
        }

        @Override
        public SkillResult run(MaskFirst input, SkillContext context) {
            throw new AssertionError("nothing runs in this test");
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        harness = new Harness().provider(new ScriptedProvider()).skill("edit_test", new EditSkill())
                .skill("mask_first", new MaskFirstSkill());
        tasks = harness.tasks(harness.node("stopped", 3, Duration.ofSeconds(30)));
        harness.close(); // no engine runs: accepted tasks stay queued
        photo = harness.upload("u1", TestImages.image(300, 200, BufferedImage.TYPE_INT_RGB));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** A white rectangle over the left half of a black image of this size. */
    private static BufferedImage leftHalfMask(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w / 2, h);
        g.dispose();
        return img;
    }

    private Task submit(String user, Map<String, Object> body) {
        return tasks.submit(user, "edit_test", body, Optional.empty());
    }

    private ImagesException refused(String user, String skill, Map<String, Object> body) {
        int before = harness.store.recent(1000).size();
        ImagesException e = assertThrows(ImagesException.class, () -> tasks.submit(user, skill, body,
                Optional.empty()));
        assertEquals(before, harness.store.recent(1000).size(), "nothing was queued");
        return e;
    }

    private void assertRefused(int status, String code, Map<String, Object> body) {
        ImagesException e = refused("u1", "edit_test", body);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(status, e.httpStatus());
    }

    @Test
    void ownedFinishedImagesWithGoodMasksAreAccepted() {
        assertEquals(TaskStatus.QUEUED, submit("u1", Map.of("image", Map.of("embed_id", photo))).status());
        assertEquals(TaskStatus.QUEUED, submit("u1", Map.of("image", Map.of("embed_id", photo, "format", "full"),
                "mask", Map.of("shapes", List.of(RECT), "feather", 3))).status());
        String mask = harness.upload("u1", leftHalfMask(150, 100));
        assertEquals(TaskStatus.QUEUED, submit("u1", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("embed_id", mask))).status(), "half the size, same ratio");
    }

    @Test
    void anotherUsersOrAnAbsentImageIsNotFound() {
        assertRefused(404, "not_found", Map.of("image", Map.of("embed_id", "no-such-embed")));
        ImagesException e = refused("u2", "edit_test", Map.of("image", Map.of("embed_id", photo)));
        assertEquals("not_found", e.code());
        assertEquals(404, e.httpStatus());
        String othersMask = harness.upload("u2", leftHalfMask(300, 200));
        assertRefused(404, "not_found", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("embed_id", othersMask)));
    }

    @Test
    void anUnfinishedEmbedIsNotReady() {
        Task generating = tasks.submit("u1", "generate", Map.of("prompt", "x"), Optional.empty());
        assertEquals(TaskStatus.QUEUED, generating.status());
        assertRefused(409, "embed_not_ready", Map.of("image", Map.of("embed_id", generating.embedId())));
        assertRefused(409, "embed_not_ready", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("embed_id", generating.embedId())));
    }

    @Test
    void anUploadedMaskOfAnotherAspectRatioIsAMismatch() {
        String square = harness.upload("u1", leftHalfMask(200, 200));
        assertRefused(400, "mask_size_mismatch", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("embed_id", square)));
    }

    @Test
    void theMaskIsCheckedAgainstItsImageWhateverTheDeclarationOrder() {
        String square = harness.upload("u1", leftHalfMask(200, 200));
        ImagesException e = refused("u1", "mask_first", Map.of("mask", Map.of("embed_id", square), "image",
                Map.of("embed_id", photo)));
        assertEquals("mask_size_mismatch", e.code(), e.getMessage());
    }

    @Test
    void badShapesAreRefusedAtSubmit() {
        assertRefused(400, "mask_empty", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("shapes", List.of(Map.of("type", "rect", "x", 0.5, "y", 0.5, "w", 0, "h", 0.3)))));
        assertRefused(400, "invalid_mask", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("shapes", List.of(Map.of("type", "rect", "x", 0.5, "y", 0.5, "w", 0.2)))));
        assertRefused(400, "invalid_mask", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("shapes", List.of(RECT), "embed_id", photo)));
        assertRefused(400, "invalid_mask", Map.of("image", Map.of("embed_id", photo), "mask", Map.of()));
        ImagesException e = refused("u1", "edit_test", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("shapes", List.of(Map.of("type", "rect", "x", 0.1, "z", 1)))));
        assertEquals("unknown_field", e.code());
        assertTrue(e.getMessage().contains("$.mask.shapes[0].z"), e.getMessage());
        e = refused("u1", "edit_test", Map.of("image", Map.of("embed_id", photo), "mask",
                Map.of("shapes", List.of(RECT, Map.of("type", "ellipse", "x", 0.1, "y", -0.1, "w", 1, "h", 1)))));
        assertEquals("invalid_mask", e.code());
        assertTrue(e.getMessage().contains("$.mask.shapes[1].y"), e.getMessage());
    }

    @Test
    void aRunningSkillReadsItsImagesInTheRequestedRendition() {
        InputImage original = harness.inputs.image("u1", ImageRef.of(photo));
        assertEquals(300, original.width());
        assertEquals(200, original.height());
        assertEquals("image/png", original.mediaType());
        assertFalse(original.aiGenerated(), "an upload is not AI-made");
        assertEquals(300, original.decoded().getWidth());
        assertEquals(ImageRef.of(photo), original.ref());

        InputImage full = harness.inputs.image("u1", new ImageRef(photo, "full"));
        assertEquals("image/webp", full.mediaType());
        assertEquals("RIFF", new String(full.bytes(), 0, 4));
        assertEquals(200, full.decoded().getHeight());

        assertEquals(404, assertThrows(ImagesException.class,
                () -> harness.inputs.image("u2", ImageRef.of(photo))).httpStatus());
    }

    @Test
    void aRunningSkillGetsMasksAtTheImageSize() {
        InputImage image = harness.inputs.image("u1", ImageRef.of(photo));
        Mask drawn = harness.inputs.mask("u1", MaskRef.ofShapes(MaskShape.rect(0.25, 0.25, 0.5, 0.5)), image);
        assertEquals(300, drawn.width());
        assertEquals(200, drawn.height());
        assertEquals(0.25, drawn.coverage(), 1e-9);

        Mask uploaded = harness.inputs.mask("u1", MaskRef.ofEmbed(harness.upload("u1", leftHalfMask(150, 100))),
                image);
        assertEquals(300, uploaded.width());
        assertEquals(200, uploaded.height());
        assertEquals(0.5, uploaded.coverage(), 0.02);

        String square = harness.upload("u1", leftHalfMask(100, 100));
        assertEquals("mask_size_mismatch", assertThrows(ImagesException.class,
                () -> harness.inputs.mask("u1", MaskRef.ofEmbed(square), image)).code());
        assertEquals("mask_empty", assertThrows(ImagesException.class, () -> harness.inputs.mask("u1",
                MaskRef.ofShapes(MaskShape.rect(0.5, 0.5, 0.001, 0.001)), image)).code(),
                "a speck smaller than a pixel of this image marks nothing");
        assertEquals("invalid_mask", assertThrows(ImagesException.class,
                () -> harness.inputs.mask("u1", new MaskRef(null, null, null), image)).code());
        assertEquals(404, assertThrows(ImagesException.class, () -> harness.inputs.mask("u2",
                MaskRef.ofEmbed(square), image)).httpStatus());
    }

    @Test
    void anUploadedGrayMaskKeepsItsInBetweenValues() {
        BufferedImage soft = new BufferedImage(150, 100, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 150; x++) {
                soft.getRaster().setSample(x, y, 0, x < 75 ? 200 : 60);
            }
        }
        InputImage image = harness.inputs.image("u1", ImageRef.of(photo));
        Mask m = harness.inputs.mask("u1", MaskRef.ofEmbed(harness.upload("u1", soft)), image);
        assertEquals(200, m.gray()[100 * 300 + 20] & 0xff, "no gamma shift of a gray PNG");
        assertEquals(60, m.gray()[100 * 300 + 280] & 0xff);
        assertEquals(0.5, m.coverage(), 0.01);
    }
}
