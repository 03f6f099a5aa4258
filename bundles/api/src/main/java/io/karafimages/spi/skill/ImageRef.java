package io.karafimages.spi.skill;

/**
 * An image input as the API takes it: {@code {"embed_id": "...", "format": "original" | "full"}}. The record is
 * the wire shape (API.md "Images as inputs"); use it as a component of a skill's input record and read the
 * pixels with {@link SkillContext#image(ImageRef)}.
 *
 * @param embedId an embed the caller owns
 * @param format {@code original} (the default when null) or {@code full}
 */
public record ImageRef(
        @Field(required = true, description = "An embed you own (a generated image or an upload)") String embedId,
        @Field(allowed = { "original", "full" }, description = "Which rendition to use; default original")
        String format) {

    public ImageRef {
        format = format == null ? "original" : format;
    }

    /** The original rendition of an embed. */
    public static ImageRef of(String embedId) {
        return new ImageRef(embedId, "original");
    }
}
