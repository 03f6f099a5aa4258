package io.karafimages.imaging;

import java.util.Objects;

/**
 * Bytes that are no usable image, with the product's error code. It is an {@link IllegalArgumentException}: the
 * image is the caller's bad input, never a fault of the runtime. Messages name sizes and offsets, never content.
 */
public final class ImageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why an image was refused. */
    public enum Reason {
        /** More pixels than the decoder's limit, seen in the header: {@code image_too_large}. */
        TOO_LARGE("image_too_large"),
        /** Not a PNG, JPEG or WebP, or a damaged one: {@code unsupported_image}. */
        UNSUPPORTED("unsupported_image");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** @return the error code, e.g. {@code image_too_large} */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what was wrong, for a person
     */
    public ImageException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the image was refused */
    public Reason reason() {
        return reason;
    }

    /** @return the product error code of the reason */
    public String code() {
        return reason.code();
    }

    static ImageException unsupported(String message) {
        return new ImageException(Reason.UNSUPPORTED, message);
    }

    static ImageException tooLarge(long pixels, long maxPixels) {
        return new ImageException(Reason.TOO_LARGE, "The image has " + pixels
                + " pixels; this instance accepts at most " + maxPixels + ".");
    }
}
