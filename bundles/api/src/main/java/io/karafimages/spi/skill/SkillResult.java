package io.karafimages.spi.skill;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.karafimages.api.Cost;

/**
 * What a successful run produced: one encoded image (PNG, JPEG, WebP, or SVG from vectorisation) and its facts, or,
 * for skills whose {@link SkillDescriptor#resultType()} is not {@code image}, JSON content only (search results).
 * For an image the engine makes the three renditions, labels and signs them, encrypts and stores them; in both cases
 * it encrypts the content, finishes the embed and charges {@link #cost()} once. Immutable; build with
 * {@link #image(byte[], String)} or {@link #content(String, Map)}.
 */
public final class SkillResult {
    /** The result type of skills that make images. */
    public static final String IMAGE = "image";

    private final String type;
    private final byte[] image;
    private final String mediaType;
    private final String model;
    private final String prompt;
    private final String aspectRatio;
    private final Cost cost;
    private final Instant generatedAt;
    private final ImageRef source;
    private final Edit edit;
    private final Map<String, Object> extra;

    private SkillResult(Builder b) {
        this.type = b.type;
        this.image = b.image;
        this.mediaType = b.mediaType;
        this.model = Objects.requireNonNull(b.model, "model");
        this.prompt = b.prompt;
        this.aspectRatio = b.aspectRatio;
        this.cost = b.cost == null ? Cost.FREE : b.cost;
        this.generatedAt = b.generatedAt == null ? Instant.now() : b.generatedAt;
        this.source = b.source;
        this.edit = b.source == null ? null : b.edit == null ? Edit.generative(Edit.EDITED) : b.edit;
        this.extra = Map.copyOf(b.extra);
    }

    /**
     * @param image the encoded image; the runtime owns it from now on
     * @param mediaType {@code image/png}, {@code image/jpeg}, {@code image/webp}, or {@code image/svg+xml} (which the
     *        runtime sanitises and renders)
     */
    public static Builder image(byte[] image, String mediaType) {
        return new Builder(IMAGE, Objects.requireNonNull(image, "image"),
                Objects.requireNonNull(mediaType, "mediaType"));
    }

    /**
     * A result without an image: the embed's content is {@code fields} (JSON-compatible values) plus the standard
     * facts. {@code type} must be the skill's {@link SkillDescriptor#resultType()}.
     */
    public static Builder content(String type, Map<String, Object> fields) {
        if (IMAGE.equals(type)) {
            throw new IllegalArgumentException("an image result needs an image: use SkillResult.image");
        }
        Builder b = new Builder(Objects.requireNonNull(type, "type"), null, null);
        fields.forEach(b::extra);
        return b;
    }

    /** {@code image} or the data type of a {@link #content} result. */
    public String type() {
        return type;
    }

    /** The encoded image; null for a {@link #content} result. */
    public byte[] image() {
        return image;
    }

    /** The image's media type; null for a {@link #content} result. */
    public String mediaType() {
        return mediaType;
    }

    /** The model id that made the pixels, e.g. {@code recraft/recraftv3} or {@code local/telea-inpaint-v1}. */
    public String model() {
        return model;
    }

    /** The user's prompt, if the skill had one. */
    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** Wire form such as {@code 16:9}, if the skill chose one. */
    public Optional<String> aspectRatio() {
        return Optional.ofNullable(aspectRatio);
    }

    /** What the caller is charged for this run, once; {@link Cost#FREE} by default. */
    public Cost cost() {
        return cost;
    }

    public Instant generatedAt() {
        return generatedAt;
    }

    /** The image this one was made from; present for edits. Its embed becomes {@code source_embed_id}. */
    public Optional<ImageRef> source() {
        return Optional.ofNullable(source);
    }

    /** How the source was changed; present exactly when {@link #source()} is. */
    public Optional<Edit> edit() {
        return Optional.ofNullable(edit);
    }

    /** Further JSON-compatible fields for the embed content (strings, numbers, booleans, lists, maps). */
    public Map<String, Object> extra() {
        return extra;
    }

    /**
     * How an edit changed its source, for provenance: the C2PA action recorded after {@code c2pa.opened}, and
     * whether a generative model produced pixels (which decides the IPTC digital source type).
     */
    public static final class Edit {
        /** Generalised editorial change (the default). */
        public static final String EDITED = "c2pa.edited";
        public static final String CROPPED = "c2pa.cropped";
        public static final String RESIZED = "c2pa.resized";
        public static final String BACKGROUND_REMOVED = "c2pa.background.removed";

        private final String action;
        private final boolean generative;
        private final String description;

        private Edit(String action, boolean generative, String description) {
            this.action = Objects.requireNonNull(action, "action");
            this.generative = generative;
            this.description = description;
        }

        /** A trained model changed or made pixels (inpainting, image-to-image, a generated background). */
        public static Edit generative(String action) {
            return new Edit(action, true, null);
        }

        /** A classical algorithm changed pixels (resampling, Telea inpainting, cropping). */
        public static Edit algorithmic(String action) {
            return new Edit(action, false, null);
        }

        /** The same edit with a short human-readable description, e.g. "inpainted the masked region". */
        public Edit describedAs(String text) {
            return new Edit(action, generative, text);
        }

        public String action() {
            return action;
        }

        public boolean generative() {
            return generative;
        }

        public Optional<String> description() {
            return Optional.ofNullable(description);
        }
    }

    /** Builds a {@link SkillResult}. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final byte[] image;
        private final String mediaType;
        private String model;
        private String prompt;
        private String aspectRatio;
        private Cost cost;
        private Instant generatedAt;
        private ImageRef source;
        private Edit edit;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String type, byte[] image, String mediaType) {
            this.type = type;
            this.image = image;
            this.mediaType = mediaType;
        }

        /** Required: the model id that made the pixels. */
        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        public Builder aspectRatio(String value) {
            this.aspectRatio = value;
            return this;
        }

        public Builder cost(Cost value) {
            this.cost = value;
            return this;
        }

        public Builder generatedAt(Instant value) {
            this.generatedAt = value;
            return this;
        }

        /** Marks the result as an edit of {@code value}; the edit defaults to a generative {@code c2pa.edited}. */
        public Builder editOf(ImageRef value, Edit how) {
            this.source = Objects.requireNonNull(value, "source");
            this.edit = how;
            return this;
        }

        public Builder extra(String key, Object value) {
            this.extra.put(key, value);
            return this;
        }

        public SkillResult build() {
            return new SkillResult(this);
        }
    }
}
