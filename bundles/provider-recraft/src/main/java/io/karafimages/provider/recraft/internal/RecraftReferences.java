package io.karafimages.provider.recraft.internal;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.ImageRequest.ReferenceImage;

/**
 * The reference images of a create-style call as Recraft takes them. Each is decoded and sent as a fresh PNG, so
 * nothing of the caller's file but its pixels leaves (no EXIF, GPS or XMP), at most 2,048 px a side (Recraft learns
 * a look, not detail: the size ComfyUI's Recraft node also scales references to), and all of them together under
 * 10 MB, Recraft's cap on a style's images: while they are over it, the largest is shrunk by a fifth. A reference
 * under 256 px a side, the minimum of every Recraft image input, is refused before any paid call. Stateless.
 */
final class RecraftReferences {
    /** One reference as it is sent: a PNG of {@code width x height}. */
    record Reference(byte[] png, int width, int height) {
    }

    static final int MAX_SIDE = 2048;
    private static final double SHRINK = 0.8;

    private RecraftReferences() {
    }

    /**
     * @throws ImagesException 400 {@code unsupported_image} for a reference that is not a readable PNG, JPEG or
     *         WebP, {@code image_too_small} for one under 256 px a side, {@code image_too_large} when they cannot be
     *         brought under 10 MB together
     */
    static List<Reference> prepare(List<ReferenceImage> images) {
        List<BufferedImage> fitted = new ArrayList<>(images.size());
        List<Reference> sent = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = fitted(images.get(i), i + 1); // one decoded original in memory at a time
            fitted.add(image);
            sent.add(new Reference(RecraftImages.png(image), image.getWidth(), image.getHeight()));
        }
        while (total(sent) >= RecraftLimits.MAX_BYTES) {
            int largest = largest(sent);
            Reference r = sent.get(largest);
            int[] size;
            try {
                size = RecraftLimits.scaled(r.width(), r.height(), SHRINK, RecraftLimits.MIN_SIDE, MAX_SIDE);
            } catch (ImagesException e) {
                throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The " + images.size() + " reference "
                        + "images could not be encoded under Recraft's 10 MB limit for a style; use fewer of them.");
            }
            BufferedImage smaller = RecraftImages.resize(fitted.get(largest), size[0], size[1]);
            fitted.set(largest, smaller);
            sent.set(largest, new Reference(RecraftImages.png(smaller), size[0], size[1]));
        }
        return List.copyOf(sent);
    }

    /** The reference decoded and scaled to at most {@link #MAX_SIDE} a side. */
    private static BufferedImage fitted(ReferenceImage reference, int number) {
        BufferedImage image = RecraftImages.decode(reference.data()).orElseThrow(() -> ImagesException.invalid(
                ErrorCodes.UNSUPPORTED_IMAGE, "Reference image " + number + " is not a readable PNG, JPEG or WebP."));
        int w = image.getWidth();
        int h = image.getHeight();
        if (Math.min(w, h) < RecraftLimits.MIN_SIDE) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_SMALL, "Reference image " + number + " is " + w + "x"
                    + h + " px; Recraft needs at least " + RecraftLimits.MIN_SIDE + " px on each side.");
        }
        int[] size;
        try {
            size = RecraftLimits.scaled(w, h, Math.min(1.0, (double) MAX_SIDE / Math.max(w, h)),
                    RecraftLimits.MIN_SIDE, MAX_SIDE);
        } catch (ImagesException e) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_SMALL, "Reference image " + number + " is " + w + "x"
                    + h + " px; scaled to " + MAX_SIDE + " px on its long side, its short side would be under "
                    + RecraftLimits.MIN_SIDE + " px. Crop it to a less extreme aspect ratio.");
        }
        return RecraftImages.resize(image, size[0], size[1]);
    }

    private static long total(List<Reference> references) {
        return references.stream().mapToLong(r -> r.png().length).sum();
    }

    private static int largest(List<Reference> references) {
        int largest = 0;
        for (int i = 1; i < references.size(); i++) {
            if (references.get(i).png().length > references.get(largest).png().length) {
                largest = i;
            }
        }
        return largest;
    }
}
