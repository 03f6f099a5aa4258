package io.karafimages.core.internal.inputs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.embeds.DefaultEmbedService;
import io.karafimages.core.internal.embeds.EmbedFacts;
import io.karafimages.core.internal.embeds.EmbedRead;
import io.karafimages.core.internal.masks.GrayMask;
import io.karafimages.core.internal.masks.MaskRasterizer;
import io.karafimages.core.internal.masks.UploadedMask;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Mask;
import io.karafimages.spi.skill.MaskRef;

/**
 * The image and mask inputs of skills. At submit it checks every {@link ImageRef} and {@link MaskRef} found in a
 * bound input (ownership: 404; readiness: 409; masks well-formed, not empty, of the image's aspect ratio), so bad
 * input is refused before anything is queued or charged. At run it reads and decrypts them for the skill.
 */
@Component(service = SkillInputs.class)
public final class SkillInputs {
    /** An uploaded mask may differ from its image's aspect ratio by this much (rounding of scaled uploads). */
    private static final double RATIO_TOLERANCE = 0.01;

    private final DefaultEmbedService embeds;
    private final RenditionPipeline pipeline;

    @Activate
    public SkillInputs(@Reference DefaultEmbedService embeds, @Reference RenditionPipeline pipeline) {
        this.embeds = embeds;
        this.pipeline = pipeline;
    }

    /** Checks the image and mask references of a bound input for its owner. */
    public void check(String userId, Object input) {
        List<Object> refs = new ArrayList<>();
        collect(input, refs, 0);
        EmbedFacts image = null;
        for (Object ref : refs) {
            if (ref instanceof ImageRef r) {
                EmbedFacts facts = embeds.facts(userId, r.embedId());
                image = image == null ? facts : image;
            }
        }
        for (Object ref : refs) {
            if (ref instanceof MaskRef m) {
                checkMask(userId, m, image); // a mask belongs to the input's first image, wherever it is declared
            }
        }
    }

    private void checkMask(String userId, MaskRef m, EmbedFacts image) {
        boolean hasShapes = m.shapes() != null;
        if (hasShapes == (m.embedId() != null)) {
            throw ImagesException.invalid(ErrorCodes.INVALID_MASK,
                    "A mask has either 'embed_id' (an uploaded mask) or 'shapes', not both and not neither.");
        }
        if (hasShapes) {
            MaskRasterizer.check(m);
        } else {
            EmbedFacts mask = embeds.facts(userId, m.embedId());
            if (image != null) {
                UploadedMask.checkRatio(mask.width(), mask.height(), image.width(), image.height(),
                        RATIO_TOLERANCE);
            }
        }
    }

    /** The pixel limit skills must respect (the pipeline's). */
    public long maxPixels() {
        return pipeline.maxPixels();
    }

    /** Reads one of the user's images for a running skill. */
    public InputImage image(String userId, ImageRef ref) {
        RenditionFormat format = RenditionFormat.parse(ref.format()).orElse(RenditionFormat.ORIGINAL);
        EmbedRead read = embeds.read(userId, ref.embedId(), format);
        return new StoredInputImage(ref, read.bytes(), format.mediaType(), read.facts().width(),
                read.facts().height(), read.facts().aiGenerated(), pipeline);
    }

    /** Rasterises a mask at the image's size. */
    public Mask mask(String userId, MaskRef ref, InputImage image) {
        if (ref.shapes() != null) {
            GrayMask mask = MaskRasterizer.draw(ref.shapes(), ref.feather() == null ? 0 : ref.feather(),
                    image.width(), image.height());
            if (mask.coverage() == 0) {
                throw ImagesException.invalid(ErrorCodes.MASK_EMPTY, "The mask marks no pixel of the image.");
            }
            return mask;
        }
        if (ref.embedId() == null) {
            throw ImagesException.invalid(ErrorCodes.INVALID_MASK, "The mask has neither 'embed_id' nor 'shapes'.");
        }
        byte[] png = embeds.readAll(userId, ref.embedId(), RenditionFormat.ORIGINAL);
        return UploadedMask.toGray(pipeline.decode(png), image.width(), image.height(), RATIO_TOLERANCE,
                ref.feather() == null ? 0 : ref.feather());
    }

    /** Finds image and mask references in record components and lists, in declaration order. */
    private static void collect(Object value, List<Object> out, int depth) {
        if (value == null || depth > 8) {
            return;
        }
        if (value instanceof ImageRef || value instanceof MaskRef) {
            out.add(value);
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, out, depth + 1));
        } else if (value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                collect(read(c, value), out, depth + 1);
            }
        }
    }

    private static Object read(RecordComponent c, Object value) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + c.getName() + " of " + value.getClass(), e);
        }
    }
}
