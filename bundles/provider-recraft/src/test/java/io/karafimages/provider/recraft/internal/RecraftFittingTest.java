package io.karafimages.provider.recraft.internal;

import static io.karafimages.provider.recraft.internal.TestImages.SOURCE;
import static io.karafimages.provider.recraft.internal.TestImages.near;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.EditRequest.SourceImage;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.testsupport.providers.RecraftDrawing;
import io.karafimages.testsupport.providers.RecraftSimulator.Call;
import io.karafimages.testsupport.providers.RecraftSimulator.Upload;

/** Recraft's input limits and mask convention: what the adapter changes before sending, and undoes after. */
class RecraftFittingTest extends RecraftSimulatorFixture {
    private static final String V3 = RecraftImageProvider.MODEL_V3;

    @Test
    void aFeatheredMaskArrivesBinaryThresholdedAtHalfGrey() {
        edit(EditRequest.builder(ImageOperation.INPAINT, V3, TestImages.source(512, 256)).prompt("a kite")
                .maskPng(TestImages.rampMask(512, 256)).build());

        Upload mask = sim.calls().get(0).mask().orElseThrow();
        BufferedImage sent = TestImages.decode(mask.data());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, sent.getType());
        // column 256 was grey 127 (keep), column 257 grey 128 (edit)
        assertEquals(0, sent.getRaster().getSample(256, 100, 0));
        assertEquals(255, sent.getRaster().getSample(257, 100, 0));
        assertEquals(List.of(), sim.problems(), "the simulator finds only 0 and 255, at the image's size");
    }

    @Test
    void aTooWideImageIsScaledToFitAndTheResultComesBackAtTheSourceSizeAligned() {
        SourceImage source = TestImages.source(4500, 1000);
        GeneratedImage image = edit(EditRequest.builder(ImageOperation.INPAINT, V3, source).prompt("a boat")
                .maskPng(TestImages.rectMask(4500, 1000, 1000, 200, 1000, 400)).build());

        Call call = sim.calls().get(0);
        assertEquals(4096, call.image().width());
        assertEquals(910, call.image().height());
        assertEquals(4096, call.mask().orElseThrow().width());
        assertEquals(910, call.mask().orElseThrow().height());
        BufferedImage result = TestImages.decode(image.data());
        assertEquals(4500, result.getWidth());
        assertEquals(1000, result.getHeight());
        assertTrue(near(result.getRGB(1500, 400), RecraftDrawing.INPAINT, 2));
        assertTrue(near(result.getRGB(1008, 400), RecraftDrawing.INPAINT, 30), "mask edge within a few px");
        assertTrue(near(result.getRGB(992, 400), SOURCE, 30), "mask edge within a few px");
        assertTrue(near(result.getRGB(1500, 208), RecraftDrawing.INPAINT, 30));
        assertTrue(near(result.getRGB(1500, 192), SOURCE, 30));
        assertTrue(near(result.getRGB(3500, 800), SOURCE, 2));
        assertEquals("image/png", image.mediaType());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void anImageOverTenMegabytesIsReencodedUnderItAtTheSameSize() {
        SourceImage source = SourceImage.of(TestImages.noisePng(2048, 2048), "image/png", 2048, 2048);
        assertTrue(source.data().length >= 10_000_000, "the test image must be over the limit");

        GeneratedImage image = edit(EditRequest.builder(ImageOperation.ERASE_REGION,
                RecraftImageProvider.MODEL_ERASE, source).maskPng(TestImages.rectMask(2048, 2048, 0, 0, 64, 64))
                .build());

        Upload sent = sim.calls().get(0).image();
        assertTrue(sent.data().length < 10_000_000, sent.data().length + " bytes");
        assertEquals(2048, sent.width());
        assertEquals("jpeg", sent.format());
        assertEquals("image/jpeg", sent.contentType());
        assertEquals(2048, TestImages.decode(image.data()).getWidth());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aSmallImageIsRefusedBeforeAnyCall() {
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.REPLACE_BACKGROUND, V3, TestImages.source(255, 600)).prompt("a desk").build()));
        assertEquals("image_too_small", e.code());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("256"), e.getMessage());
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void anImageTooThinToFitIsRefusedBeforeAnyCall() {
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.VARIATE, RecraftImageProvider.MODEL_VARIATE, TestImages.source(8000, 300)).build()));
        assertEquals("image_too_small", e.code());
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void aMaskThatMarksNothingAfterThresholdingIsRefusedBeforeAnyCall() {
        ImagesException e = assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.ERASE_REGION, RecraftImageProvider.MODEL_ERASE, TestImages.source(300, 300))
                .maskPng(TestImages.greyMask(300, 300, 127)).build())); // feathering only, under half grey
        assertEquals("mask_empty", e.code());
        assertEquals(0, sim.totalCalls());
    }

    @Test
    void anUnreadableSourceOrMaskIsRefusedBeforeAnyCall() {
        SourceImage garbage = SourceImage.of("not an image, just some text".getBytes(), "image/png", 300, 300);
        assertEquals("unsupported_image", assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.VARIATE, RecraftImageProvider.MODEL_VARIATE, garbage).build())).code());
        assertEquals("invalid_mask", assertThrows(ImagesException.class, () -> edit(EditRequest.builder(
                ImageOperation.ERASE_REGION, RecraftImageProvider.MODEL_ERASE, TestImages.source(300, 300))
                .maskPng(new byte[] {1, 2, 3}).build())).code());
        assertEquals(0, sim.totalCalls());
    }
}
