package io.karafimages.c2pa;

import java.util.Objects;
import java.util.Optional;

/**
 * An asset this asset was made from, written as a {@code c2pa.ingredient.v3} assertion.
 *
 * <p>When {@link Builder#asset(byte[]) the ingredient's bytes} are given and carry a C2PA manifest
 * store, the writer copies its manifests into the new store, validates the ingredient's active
 * manifest (signature, assertion hashes, data hash, certificate trust against the writer's
 * {@linkplain C2paWriter.Builder#ingredientTrustAnchors trust anchors}) and records the results in
 * {@code validationResults}, as the C2PA specification requires of a claim generator.
 *
 * <p>Identity matters: {@link Action.Builder#ingredient(Ingredient)} refers to this object.
 * Immutable and thread-safe; the asset bytes are copied.
 */
public final class Ingredient {

    /** How the ingredient relates to the new asset. */
    public enum Relationship {
        /** The new asset is derived from this one (at most one per manifest). */
        PARENT_OF("parentOf"),
        /** This one is a part of the new asset. */
        COMPONENT_OF("componentOf"),
        /** This one was input to a process (for example a model) that made the new asset. */
        INPUT_TO("inputTo");

        private final String value;

        Relationship(String value) {
            this.value = value;
        }

        /** @return the value written to the assertion */
        public String value() {
            return value;
        }
    }

    private final Relationship relationship;
    private final String title;
    private final String format;
    private final String instanceId;
    private final byte[] asset;

    private Ingredient(Builder b) {
        this.relationship = b.relationship;
        this.title = b.title;
        this.format = b.format;
        this.instanceId = b.instanceId;
        this.asset = b.asset;
    }

    /**
     * @param relationship how it relates to the new asset
     * @return a builder
     */
    public static Builder builder(Relationship relationship) {
        return new Builder(relationship);
    }

    /** @return the relationship */
    public Relationship relationship() {
        return relationship;
    }

    /** @return the human-readable title, if set (the writer falls back to the ingredient claim's title) */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return the media type, if set (the writer falls back to the format detected from the bytes) */
    public Optional<String> format() {
        return Optional.ofNullable(format);
    }

    /** @return the ingredient's instance identifier (for example its {@code xmpMM:InstanceID}), if set */
    public Optional<String> instanceId() {
        return Optional.ofNullable(instanceId);
    }

    /** @return a copy of the ingredient's bytes, if given */
    public Optional<byte[]> asset() {
        return Optional.ofNullable(asset).map(byte[]::clone);
    }

    /** Builds an {@link Ingredient}; not thread-safe. */
    public static final class Builder {
        private final Relationship relationship;
        private String title;
        private String format;
        private String instanceId;
        private byte[] asset;

        private Builder(Relationship relationship) {
            this.relationship = Objects.requireNonNull(relationship, "relationship");
        }

        /**
         * @param value human-readable title such as a file name, not blank
         * @return this builder
         */
        public Builder title(String value) {
            this.title = requireText(value, "title");
            return this;
        }

        /**
         * @param mediaType the IANA media type, for example {@code image/png}
         * @return this builder
         */
        public Builder format(String mediaType) {
            this.format = requireText(mediaType, "format");
            return this;
        }

        /**
         * @param value the ingredient's instance identifier, not blank
         * @return this builder
         */
        public Builder instanceId(String value) {
            this.instanceId = requireText(value, "instanceId");
            return this;
        }

        /**
         * @param bytes the ingredient file as it was received (with its C2PA store, if any); copied
         * @return this builder
         */
        public Builder asset(byte[] bytes) {
            this.asset = Objects.requireNonNull(bytes, "asset").clone();
            return this;
        }

        /** @return the ingredient */
        public Ingredient build() {
            return new Ingredient(this);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
