package io.karafimages.spi.skill;

import java.util.List;

/**
 * A mask as the API takes it: either {@code {"embed_id": ...}} (a PNG the caller uploaded; white or opaque =
 * edit, black or transparent = keep) or {@code {"shapes": [...], "feather": px}} with coordinates as fractions of
 * the image's width and height. The record is the wire shape (API.md "Images as inputs"); rasterise it with
 * {@link SkillContext#mask(MaskRef, InputImage)}.
 *
 * @param embedId an uploaded mask image the caller owns, or null when {@code shapes} are given
 * @param shapes shapes to draw, or null when {@code embedId} is given
 * @param feather soft edge in pixels of the image (0 = hard edge)
 */
public record MaskRef(
        @Field(description = "An uploaded mask image you own (white = edit)") String embedId,
        @Field(maxItems = 200, description = "Shapes in fractions 0..1 of the image's width and height")
        List<MaskShape> shapes,
        @Field(min = 0, max = 256, description = "Soft edge in pixels of the image; default 0") Double feather) {

    public MaskRef {
        shapes = shapes == null ? null : List.copyOf(shapes);
    }

    public static MaskRef ofShapes(MaskShape... shapes) {
        return new MaskRef(null, List.of(shapes), null);
    }

    public static MaskRef ofEmbed(String embedId) {
        return new MaskRef(embedId, null, null);
    }
}
