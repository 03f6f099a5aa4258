package io.karafimages.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.testing.PassThroughProvenance;
import io.karafimages.spi.provenance.ProvenanceInfo;

/**
 * Found by ProvenanceIT at start-up: the engine took a task before the provenance service was bound and stored an
 * unsigned image. With provenance required (the distribution's default) such a render is a retryable 503 instead.
 */
class RequireProvenanceTest {
    private final byte[] png = TestImages.encode(TestImages.image(32, 24, BufferedImage.TYPE_INT_RGB), "png");

    @Test
    void noImageIsRenderedUnsignedWhileTheHookIsMissing() {
        RenditionPipeline pipeline = new RenditionPipeline(new RenditionPipeline.Settings(40_000_000L, 90, 85, 600,
                400, 1, true));
        ImagesException e = assertThrows(ImagesException.class, () -> pipeline.render(png, "image/png",
                ProvenanceInfo.builder("generate").build()));
        assertEquals("provenance_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable());

        pipeline.setProvenance(new PassThroughProvenance());
        assertEquals(3, pipeline.render(png, "image/png", ProvenanceInfo.builder("generate").build()).renditions()
                .size(), "renders once the hook is bound");
    }

    @Test
    void withoutTheRequirementAPipelineRendersWithoutProvenance() {
        RenditionPipeline pipeline = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);
        assertEquals(3, pipeline.render(png, "image/png", null).renditions().size());
    }
}
