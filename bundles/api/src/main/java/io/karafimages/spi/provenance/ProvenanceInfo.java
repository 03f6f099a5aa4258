package io.karafimages.spi.provenance;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts a provenance writer labels one image with. Immutable; build with {@link #builder}.
 *
 * <p>Three kinds of image reach the writer: a <em>generation</em> (no parent, a digital source type), an
 * <em>edit</em> (a parent, an edit action, a digital source type when a model was involved or the parent was
 * AI-made) and an <em>upload</em> (no digital source type: it must not be labelled AI-made; a parent only when the
 * uploaded bytes carried a C2PA manifest of their own).
 */
public final class ProvenanceInfo {
    /** IPTC digital source type: made by a trained model. */
    public static final String TRAINED_ALGORITHMIC_MEDIA =
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    /** IPTC digital source type: a trained model changed part of media that was not AI-made (inpainting). */
    public static final String COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA =
            "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";
    /** IPTC digital source type: minor augmentation or correction by an algorithm. */
    public static final String ALGORITHMICALLY_ENHANCED =
            "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicallyEnhanced";

    private final String skill;
    private final String model;
    private final String aiSystem;
    private final String prompt;
    private final Instant generatedAt;
    private final String digitalSourceType;
    private final Parent parent;
    private final String editAction;
    private final String editDescription;

    private ProvenanceInfo(Builder b) {
        this.skill = Objects.requireNonNull(b.skill, "skill");
        this.model = b.model;
        this.aiSystem = b.aiSystem == null ? b.model : b.aiSystem;
        this.prompt = b.prompt;
        this.generatedAt = b.generatedAt == null ? Instant.now() : b.generatedAt;
        this.digitalSourceType = b.digitalSourceType;
        this.parent = b.parent;
        this.editAction = b.editAction;
        this.editDescription = b.editDescription;
    }

    public static Builder builder(String skill) {
        return new Builder(skill);
    }

    /** The skill that made the image ({@code generate}, {@code edit_inpaint}, {@code upload}, ...). */
    public String skill() {
        return skill;
    }

    /** The model id that made the pixels; empty for uploads. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** A readable name of the AI system (e.g. "Recraft V3"); falls back to the model id. */
    public Optional<String> aiSystem() {
        return Optional.ofNullable(aiSystem);
    }

    /** The prompt, when there was one (the writer's configuration decides whether it is written). */
    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    public Instant generatedAt() {
        return generatedAt;
    }

    /** The IPTC digital source type URI; empty means "not AI-made": no AI labels at all. */
    public Optional<String> digitalSourceType() {
        return Optional.ofNullable(digitalSourceType);
    }

    /** The image this one was opened from (edits, and uploads that carried a manifest). */
    public Optional<Parent> parent() {
        return Optional.ofNullable(parent);
    }

    /** The C2PA action after {@code c2pa.opened}, e.g. {@code c2pa.edited}; present when there is a parent. */
    public Optional<String> editAction() {
        return Optional.ofNullable(editAction);
    }

    public Optional<String> editDescription() {
        return Optional.ofNullable(editDescription);
    }

    /** The parent image: its encoded bytes (with its own C2PA manifest, if it has one) and a title. */
    public static final class Parent {
        private final byte[] bytes;
        private final String title;
        private final String embedId;

        private Parent(byte[] bytes, String title, String embedId) {
            this.bytes = Objects.requireNonNull(bytes, "bytes");
            this.title = Objects.requireNonNull(title, "title");
            this.embedId = embedId;
        }

        /**
         * @param embedId the parent's embed, or null for an upload's own bytes
         */
        public static Parent of(byte[] bytes, String title, String embedId) {
            return new Parent(bytes, title, embedId);
        }

        public byte[] bytes() {
            return bytes;
        }

        public String title() {
            return title;
        }

        public Optional<String> embedId() {
            return Optional.ofNullable(embedId);
        }
    }

    /** Builds a {@link ProvenanceInfo}. Not thread-safe. */
    public static final class Builder {
        private final String skill;
        private String model;
        private String aiSystem;
        private String prompt;
        private Instant generatedAt;
        private String digitalSourceType;
        private Parent parent;
        private String editAction;
        private String editDescription;

        private Builder(String skill) {
            this.skill = skill;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder aiSystem(String value) {
            this.aiSystem = value;
            return this;
        }

        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        public Builder generatedAt(Instant value) {
            this.generatedAt = value;
            return this;
        }

        public Builder digitalSourceType(String value) {
            this.digitalSourceType = value;
            return this;
        }

        /** Records that this image was opened from {@code value} and changed by {@code action}. */
        public Builder openedFrom(Parent value, String action, String description) {
            this.parent = value;
            this.editAction = action;
            this.editDescription = description;
            return this;
        }

        public ProvenanceInfo build() {
            return new ProvenanceInfo(this);
        }
    }
}
