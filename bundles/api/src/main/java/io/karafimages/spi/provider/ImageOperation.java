package io.karafimages.spi.provider;

/**
 * What a model can do. {@link #GENERATE} goes through {@link ImageProvider#generate}; every other operation through
 * {@link ImageProvider#edit}. New operations may be added in minor versions: treat unknown ones as unsupported.
 */
public enum ImageOperation {
    /** A new image from a prompt (and optional reference images). */
    GENERATE,
    /** Repaint the masked region following the prompt. */
    INPAINT,
    /** Keep the subject, replace the background following the prompt. */
    REPLACE_BACKGROUND,
    /** Keep the subject, generate a fitting background (the mask, when given, marks the background). */
    GENERATE_BACKGROUND,
    /** A new image guided by the source and the prompt; {@code strength} 0 keeps the source, 1 ignores it. */
    IMAGE_TO_IMAGE,
    /** Remove what the mask covers and fill it in plausibly. */
    ERASE_REGION,
    /** A variation of the source, no prompt. */
    VARIATE,
    /** A larger image with the same content, faithful to the source ({@code scale} when the model takes one). */
    UPSCALE_CRISP,
    /** A larger image with invented detail: generative, far more expensive than crisp. */
    UPSCALE_CREATIVE,
    /** The subject kept, the background made transparent: the result has an alpha channel. */
    REMOVE_BACKGROUND,
    /**
     * The image traced into vector shapes: the result is SVG ({@code image/svg+xml}). The runtime sanitises it and
     * renders the WebP renditions from it.
     */
    VECTORIZE,
    /**
     * Learns a reusable style from 1 to 5 reference images ({@link ImageProvider#createStyle}); a model that supports
     * it also generates with the styles it made ({@link ImageRequest#style()}).
     */
    CREATE_STYLE
}
