package io.karafimages.testsupport.providers;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.karafimages.testsupport.providers.RecraftDrawing.Picture;
import io.karafimages.testsupport.providers.MultipartForm.Part;
import io.karafimages.testsupport.providers.RecraftSimulator.Call;
import io.karafimages.testsupport.providers.RecraftSimulator.Upload;
import io.karafimages.testsupport.providers.RecraftWire.Schema;

/**
 * Reads and checks a request to one of the editing endpoints of {@link RecraftSimulator} against its
 * {@link Schema}: what Recraft would reject throws or is returned, what it would only ignore is reported to
 * {@code problems}. Stateless.
 */
final class RecraftEditRequests {
    private RecraftEditRequests() {
    }

    /** The request's parts as a call; missing, unknown and repeated fields throw (unknown ones only recorded). */
    static Call read(String endpoint, Schema schema, List<Part> parts, Consumer<String> problems) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Part> filesByName = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Part p : parts) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("field " + p.name() + " sent twice");
            }
            if (!schema.required().contains(p.name()) && !schema.optional().contains(p.name())) {
                problems.accept(endpoint + ": unknown field " + p.name());
            }
            boolean file = p.name().equals("image") || p.name().equals("mask");
            if (file != p.isFile()) {
                throw new IllegalArgumentException(p.name() + (file ? " must be a file part" : " must be a text part"));
            }
            if (file) {
                filesByName.put(p.name(), p);
            } else {
                fields.put(p.name(), p.text());
            }
        }
        for (String required : schema.required()) {
            if (!seen.contains(required)) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        Upload image = upload(filesByName.get("image"), "image");
        Optional<Upload> mask = Optional.ofNullable(filesByName.get("mask")).map(p -> upload(p, "mask"));
        return new Call(endpoint, Map.copyOf(fields), image, mask);
    }

    static Upload upload(Part part, String what) {
        Picture pic = RecraftDrawing.read(part.data());
        if (pic == null) {
            throw new IllegalArgumentException(what + " is not a PNG, JPEG or WebP image");
        }
        return new Upload(part.filename(), part.contentType(), part.data(), pic.format(), pic.width(), pic.height());
    }

    /** What Recraft would reject in a well-formed call, or null. */
    static String check(String endpoint, Call call, Consumer<String> problems) {
        String invalid = RecraftWire.invalidValue(endpoint, call.fields());
        if (invalid == null) {
            String limits = RecraftWire.overLimits(call.image().data().length, call.image().width(),
                    call.image().height(), RecraftWire.minSide(endpoint), RecraftWire.maxSide(endpoint));
            invalid = limits == null ? null : "image " + limits;
        }
        if (invalid == null && call.mask().isPresent()) {
            List<String> mask = RecraftDrawing.maskProblems(RecraftDrawing.read(call.mask().get().data()),
                    call.image().width(), call.image().height());
            invalid = mask.isEmpty() ? null : String.join("; ", mask);
        }
        if (RecraftWire.VECTORIZE.equals(endpoint)) {
            if (call.fields().containsKey("image_format")) { // accepted by the schema, meaningless for an SVG
                problems.accept(endpoint + ": image_format sent, but the result is an SVG");
            }
        } else if (invalid == null && !"png".equals(call.fields().get("image_format"))) {
            // Recraft would answer lossless WebP, which this simulator cannot draw: recorded, answered in PNG
            problems.accept(endpoint + ": image_format is not png, Recraft would answer WebP");
        }
        return invalid;
    }
}
