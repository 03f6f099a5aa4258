package io.karafimages.c2pa;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code c2pa.training-mining} assertion: whether the asset may be used for AI training,
 * inference and data mining. Immutable and thread-safe.
 */
public final class TrainingMining {

    /** Use for training generative AI models. */
    public static final String AI_GENERATIVE_TRAINING = "c2pa.ai_generative_training";
    /** Use for training AI models. */
    public static final String AI_TRAINING = "c2pa.ai_training";
    /** Use as input to AI inference. */
    public static final String AI_INFERENCE = "c2pa.ai_inference";
    /** Use in data mining. */
    public static final String DATA_MINING = "c2pa.data_mining";

    /** The permission of one entry. */
    public enum Use {
        /** Allowed. */
        ALLOWED("allowed"),
        /** Not allowed. */
        NOT_ALLOWED("notAllowed"),
        /** Allowed only under constraints (see the entry's constraint info). */
        CONSTRAINED("constrained");

        private final String value;

        Use(String value) {
            this.value = value;
        }

        /** @return the value written to the assertion */
        public String value() {
            return value;
        }
    }

    /**
     * One permission.
     *
     * @param use            the permission, not {@code null}
     * @param constraintInfo how to obtain a licence (for example a contact), or {@code null}
     */
    public record Entry(Use use, String constraintInfo) {
        /**
         * Validates the fields.
         *
         * @param use            the permission, not {@code null}
         * @param constraintInfo how to obtain a licence, or {@code null}
         */
        public Entry {
            Objects.requireNonNull(use, "use");
        }

        /** @return the constraint info, if any */
        public Optional<String> constraintInfoIfAny() {
            return Optional.ofNullable(constraintInfo);
        }
    }

    private final Map<String, Entry> entries;

    private TrainingMining(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * @return the four standard uses ({@link #AI_GENERATIVE_TRAINING}, {@link #AI_TRAINING},
     *         {@link #AI_INFERENCE}, {@link #DATA_MINING}) each {@link Use#CONSTRAINED}
     */
    public static TrainingMining allConstrained() {
        return allConstrained(null);
    }

    /**
     * @param constraintInfo how to obtain a licence, or {@code null}
     * @return the four standard uses each {@link Use#CONSTRAINED} with that constraint info
     */
    public static TrainingMining allConstrained(String constraintInfo) {
        Builder b = builder();
        for (String key : new String[] {AI_GENERATIVE_TRAINING, AI_TRAINING, AI_INFERENCE, DATA_MINING}) {
            b.entry(key, Use.CONSTRAINED, constraintInfo);
        }
        return b.build();
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the entries by key in insertion order, unmodifiable */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** Builds a {@link TrainingMining}; not thread-safe. */
    public static final class Builder {
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param key            a standard key such as {@link #AI_TRAINING} or an entity-specific one
         * @param use            the permission
         * @param constraintInfo how to obtain a licence, or {@code null}
         * @return this builder
         */
        public Builder entry(String key, Use use, String constraintInfo) {
            Objects.requireNonNull(key, "key");
            if (!key.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+")) {
                throw new IllegalArgumentException("training-mining key must be a dotted label: " + key);
            }
            entries.put(key, new Entry(use, constraintInfo));
            return this;
        }

        /**
         * @return the assertion
         * @throws IllegalStateException when no entry was added
         */
        public TrainingMining build() {
            if (entries.isEmpty()) {
                throw new IllegalStateException("training-mining needs at least one entry");
            }
            return new TrainingMining(entries);
        }
    }
}
