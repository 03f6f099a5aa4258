package io.karafimages.spi.skill;

import java.util.List;

/**
 * One shape of a {@link MaskRef}, coordinates in fractions (0..1) of the image's width and height so that shapes
 * drawn on a preview apply to the original. The record is the wire shape (API.md "Images as inputs"):
 * {@code rect} and {@code ellipse} use {@code x, y, w, h}; {@code polygon} uses {@code points} (at least 3);
 * {@code stroke} uses {@code points} (at least 1) and {@code width} (a fraction of the image's shorter side).
 */
public record MaskShape(
        @Field(required = true, allowed = { "rect", "ellipse", "polygon", "stroke" }) String type,
        @Field(min = 0, max = 1) Double x,
        @Field(min = 0, max = 1) Double y,
        @Field(min = 0, max = 1) Double w,
        @Field(min = 0, max = 1) Double h,
        @Field(maxItems = 10_000, description = "[[x, y], ...] in fractions 0..1") List<List<Double>> points,
        @Field(min = 0, max = 1, description = "Stroke width as a fraction of the shorter side") Double width) {

    public MaskShape {
        points = points == null ? null : points.stream().map(List::copyOf).toList();
    }

    public static MaskShape rect(double x, double y, double w, double h) {
        return new MaskShape("rect", x, y, w, h, null, null);
    }

    public static MaskShape ellipse(double x, double y, double w, double h) {
        return new MaskShape("ellipse", x, y, w, h, null, null);
    }

    public static MaskShape polygon(List<List<Double>> points) {
        return new MaskShape("polygon", null, null, null, null, points, null);
    }

    public static MaskShape stroke(List<List<Double>> points, double width) {
        return new MaskShape("stroke", null, null, null, null, points, width);
    }
}
