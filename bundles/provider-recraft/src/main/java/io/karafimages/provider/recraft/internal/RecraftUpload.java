package io.karafimages.provider.recraft.internal;

import java.awt.image.BufferedImage;
import java.util.Optional;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest.SourceImage;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageSniffer;

/**
 * What is sent to Recraft for one edit: the source, fitted to Recraft's limits, and the mask at exactly the size
 * of the image sent. A source that fits already goes out as it is (no re-encode, no quality loss); one that is too
 * large is scaled down and re-encoded as PNG, or JPEG when an opaque PNG would be over 10 MB. An upscale's source is
 * never scaled down (only re-encoded when its file is over 10 MB): one over the limits is refused. The result of an
 * edit is brought back to the source's size, so the caller's mask coordinates still line up; an upscale's to the
 * source's size times the asked scale. (Vectorize's SVG is not touched: it keeps the size Recraft traced.)
 * Immutable.
 *
 * @param mask the binary mask PNG at {@code width x height}, when the operation takes one
 */
record RecraftUpload(byte[] image, String mediaType, int width, int height, int sourceWidth, int sourceHeight,
        Optional<byte[]> mask) {
    private static final float JPEG_QUALITY = 0.95f;
    /** Each further attempt to get under 10 MB shrinks the image by this factor. */
    private static final double SHRINK = 0.8;

    /**
     * Fits the source to the endpoint's limits and converts the mask; refuses what Recraft would refuse, before any
     * paid call.
     *
     * @throws ImagesException 400 {@code unsupported_image}, {@code image_too_small}, {@code image_too_large},
     *         {@code invalid_mask} or {@code mask_empty}
     */
    static RecraftUpload prepare(SourceImage source, RecraftEndpoint endpoint, Optional<byte[]> maskPng) {
        ImageSniffer.Sniffed sniffed = ImageSniffer.sniff(source.data()).orElseThrow(() -> ImagesException.invalid(
                ErrorCodes.UNSUPPORTED_IMAGE, "The source image is not a readable PNG, JPEG or WebP."));
        int sw = sniffed.width();
        int sh = sniffed.height();
        int[] target;
        if (endpoint.upscale()) {
            RecraftLimits.requireWithin(sw, sh, endpoint.minSide(), endpoint.label());
            target = new int[] {sw, sh};
        } else {
            target = RecraftLimits.fit(sw, sh, endpoint.minSide(), endpoint.maxSide());
        }
        RecraftUpload upload;
        if (target[0] == sw && target[1] == sh && source.data().length < RecraftLimits.MAX_BYTES) {
            upload = new RecraftUpload(source.data(), sniffed.mediaType(), sw, sh, sw, sh, Optional.empty());
        } else {
            BufferedImage decoded = RecraftImages.decode(source.data()).orElseThrow(() -> ImagesException.invalid(
                    ErrorCodes.UNSUPPORTED_IMAGE, "The source image could not be decoded."));
            upload = encodeWithin(decoded, target, sw, sh, endpoint);
        }
        return maskPng.isEmpty() ? upload : upload.withMask(maskPng.get());
    }

    /**
     * Scaled to {@code target}, encoded under 10 MB; shrinks further in the rare case that is not enough, unless the
     * endpoint is an upscale.
     */
    private static RecraftUpload encodeWithin(BufferedImage decoded, int[] target, int sw, int sh,
            RecraftEndpoint endpoint) {
        for (double scale = 1.0; ; scale *= SHRINK) {
            int[] size = scale == 1.0 ? target : shrunk(target, scale, sw, sh, endpoint);
            BufferedImage scaled = RecraftImages.resize(decoded, size[0], size[1]);
            byte[] png = RecraftImages.png(scaled);
            if (png.length < RecraftLimits.MAX_BYTES) {
                return new RecraftUpload(png, "image/png", size[0], size[1], sw, sh, Optional.empty());
            }
            if (!RecraftImages.hasAlpha(scaled)) {
                byte[] jpeg = RecraftImages.jpeg(scaled, JPEG_QUALITY);
                if (jpeg.length < RecraftLimits.MAX_BYTES) {
                    return new RecraftUpload(jpeg, "image/jpeg", size[0], size[1], sw, sh, Optional.empty());
                }
            }
        }
    }

    private static int[] shrunk(int[] target, double scale, int sw, int sh, RecraftEndpoint endpoint) {
        boolean mayShrink = !endpoint.upscale();
        if (mayShrink) {
            try {
                return RecraftLimits.scaled(target[0], target[1], scale, endpoint.minSide(), endpoint.maxSide());
            } catch (ImagesException e) {
                // the short side would drop under the endpoint's minimum: no size is left to try
            }
        }
        throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The image is " + sw + "x" + sh
                + " px and could not be encoded under Recraft's 10 MB limit" + (mayShrink ? "."
                        : " at its own size (an upscale's source is not shrunk)."));
    }

    private RecraftUpload withMask(byte[] maskPng) {
        RecraftImages.BinaryMask binary = RecraftImages.binaryMask(maskPng, width, height).orElseThrow(() ->
                ImagesException.invalid(ErrorCodes.INVALID_MASK, "The mask is not a readable PNG."));
        if (binary.editPixels() == 0) {
            throw ImagesException.invalid(ErrorCodes.MASK_EMPTY, "The mask marks no pixel to edit (after "
                    + "thresholding at 50% grey).");
        }
        return new RecraftUpload(image, mediaType, width, height, sourceWidth, sourceHeight,
                Optional.of(binary.png()));
    }

    boolean rescaled() {
        return width != sourceWidth || height != sourceHeight;
    }

    /** The multipart file name; Recraft reads the format from the bytes, the extension only keeps it honest. */
    String filename() {
        return switch (mediaType) {
            case "image/jpeg" -> "image.jpg";
            case "image/webp" -> "image.webp";
            default -> "image.png";
        };
    }

    /**
     * The result at the source's size: as Recraft sent it when it already is, else scaled (Mitchell) and encoded
     * as PNG. Recraft answers at the size it was sent, so this scales exactly when the source was scaled down.
     *
     * @throws ImagesException {@code provider_bad_output} when a result that must be scaled cannot be decoded
     */
    GeneratedImage atSourceSize(byte[] result, ImageSniffer.Sniffed sniffed, String modelId) {
        if (sniffed.width() == sourceWidth && sniffed.height() == sourceHeight) {
            return GeneratedImage.of(result, sniffed.mediaType(), modelId);
        }
        BufferedImage back = RecraftImages.resize(decoded(result), sourceWidth, sourceHeight);
        return GeneratedImage.of(RecraftImages.png(back), "image/png", modelId);
    }

    /**
     * An upscale's result at exactly the source's size times {@code scale}. Recraft decides its own enlargement;
     * the runtime checked its pixel limit for the asked one before the call, so any other size is resampled
     * (Lanczos, sharp both ways) to the asked one and encoded as PNG.
     *
     * @throws ImagesException {@code provider_bad_output} when a result that must be resampled cannot be decoded
     */
    GeneratedImage atScale(byte[] result, ImageSniffer.Sniffed sniffed, int scale, String modelId) {
        int w = sourceWidth * scale;
        int h = sourceHeight * scale;
        if (sniffed.width() == w && sniffed.height() == h) {
            return GeneratedImage.of(result, sniffed.mediaType(), modelId);
        }
        return GeneratedImage.of(RecraftImages.png(RecraftImages.resample(decoded(result), w, h)), "image/png",
                modelId);
    }

    /**
     * A background removal's result: a PNG with an alpha channel (what the operation promises), at the source's
     * size with the alpha kept.
     *
     * @throws ImagesException {@code provider_bad_output} when Recraft sent no PNG, or one without alpha
     */
    GeneratedImage cutOutAtSourceSize(byte[] result, ImageSniffer.Sniffed sniffed, String modelId) {
        if (!"image/png".equals(sniffed.mediaType()) || !RecraftImages.pngHasAlpha(result)) {
            throw RecraftFailures.badOutput("Recraft's background removal came back without transparency (an "
                    + sniffed.mediaType() + " without an alpha channel).");
        }
        return atSourceSize(result, sniffed, modelId); // decoded as ARGB, scaled premultiplied, written as RGBA
    }

    private static BufferedImage decoded(byte[] result) {
        return RecraftImages.decode(result).orElseThrow(() ->
                RecraftFailures.badOutput("Recraft sent an image that could not be decoded."));
    }
}
