package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;

class FakeSkillContextTest {
    private final FakeSkillContext context = FakeSkillContext.create();

    @Test
    void hasDefaultsAndTakesOthersFromTheBuilder() {
        assertEquals(List.of("task-1", "embed-1", "user-1"), List.of(context.taskId(), context.embedId(),
                context.userId()));
        assertEquals(1, context.attempt());
        FakeSkillContext other = FakeSkillContext.builder().taskId("t").embedId("e").userId("alice").attempt(3)
                .build();
        assertEquals(List.of("t", "e", "alice"), List.of(other.taskId(), other.embedId(), other.userId()));
        assertEquals(3, other.attempt());
        assertThrows(IllegalArgumentException.class, () -> FakeSkillContext.builder().attempt(0));
    }

    @Test
    void recordsProgressAndRefusesFractionsOutsideZeroToOne() {
        assertTrue(context.lastProgress().isEmpty());
        context.progress(0.25, "a quarter");
        context.progress(1.0, "done");
        assertEquals(List.of(new FakeSkillContext.Progress(0.25, "a quarter"), new FakeSkillContext.Progress(1.0,
                "done")), context.progressReports());
        assertEquals("done", context.lastProgress().orElseThrow().message());
        assertThrows(IllegalArgumentException.class, () -> context.progress(1.5, "too far"));
        assertThrows(IllegalArgumentException.class, () -> context.progress(Double.NaN, "nothing"));
        assertEquals(2, context.progressReports().size());
    }

    @Test
    void cancelFlipsTheSwitchAndThrowIfCancelledThrows() {
        context.throwIfCancelled();
        assertFalse(context.isCancelled());
        context.cancel();
        assertTrue(context.isCancelled());
        assertEquals("cancelled", assertThrows(TaskCancelledException.class, context::throwIfCancelled).code());
    }

    @Test
    void cancelsAfterTheGivenNumberOfProgressReports() {
        context.cancelAfterProgressReports(2);
        context.progress(0.1, "one");
        assertFalse(context.isCancelled());
        context.progress(0.2, "two");
        assertTrue(context.isCancelled());
    }

    @Test
    void servesRegisteredImagesWithTheirFacts() {
        ImageRef ref = context.addImage("photo", TestImages.solidPng(40, 30, Color.RED), true);
        InputImage image = context.image(ref);
        assertEquals(40, image.width());
        assertEquals(30, image.height());
        assertEquals("image/png", image.mediaType());
        assertTrue(image.aiGenerated());
        assertSame(ref, image.ref());
        BufferedImage pixels = image.decoded();
        assertEquals(BufferedImage.TYPE_INT_RGB, pixels.getType());
        assertEquals(Color.RED.getRGB(), pixels.getRGB(39, 29));
        assertSame(pixels, image.decoded(), "decoded once");

        InputImage full = context.image(new ImageRef("photo", "full"));
        assertEquals("full", full.ref().format());
        assertEquals(List.of(ref, full.ref()), context.imagesRead());
    }

    @Test
    void anImageWithAlphaDecodesAsArgbAndUploadsAreNotAiMade() {
        BufferedImage translucent = TestImages.solid(8, 8, new Color(0, 0, 255, 128));
        InputImage image = context.image(context.addImage("upload", translucent, false));
        assertFalse(image.aiGenerated());
        assertEquals(BufferedImage.TYPE_INT_ARGB, image.decoded().getType());
        assertEquals(128, image.decoded().getRGB(0, 0) >>> 24);
    }

    @Test
    void unknownPendingAndOversizedImagesFailAsTheRuntimeDoes() {
        ImagesException missing = assertThrows(ImagesException.class, () -> context.image(ImageRef.of("nope")));
        assertEquals("not_found", missing.code());
        assertEquals(404, missing.httpStatus());

        context.addPendingImage("busy");
        ImagesException busy = assertThrows(ImagesException.class, () -> context.image(ImageRef.of("busy")));
        assertEquals("embed_not_ready", busy.code());
        assertEquals(409, busy.httpStatus());

        FakeSkillContext small = FakeSkillContext.builder().maxPixels(100).build();
        small.addImage("big", TestImages.solidPng(11, 10, Color.BLACK), false);
        assertEquals("image_too_large", assertThrows(ImagesException.class,
                () -> small.image(ImageRef.of("big"))).code());
        assertTrue(context.imagesRead().isEmpty(), "failed reads are not recorded");
    }

    @Test
    void refusesBytesThatAreNotAnImage() {
        assertThrows(IllegalArgumentException.class,
                () -> context.addImage("text", "not an image at all".getBytes(), false));
    }
}
