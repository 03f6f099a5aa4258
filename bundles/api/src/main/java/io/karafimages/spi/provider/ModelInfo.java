package io.karafimages.spi.provider;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.karafimages.api.Cost;

/**
 * One model a provider offers: what it is for, what it can do and what one image costs. Immutable; build with
 * {@link #builder} or {@link #of}.
 */
public final class ModelInfo {
    private final String id;
    private final String displayName;
    private final ModelTier tier;
    private final Cost costPerImage;
    private final Set<ImageOperation> operations;

    private ModelInfo(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.displayName = b.displayName == null ? b.id : b.displayName;
        this.tier = Objects.requireNonNull(b.tier, "tier");
        this.costPerImage = Objects.requireNonNull(b.cost, "costPerImage");
        this.operations = Set.copyOf(b.operations);
    }

    /** A generation model. */
    public static ModelInfo of(String id, ModelTier tier, Cost costPerImage) {
        return builder(id).tier(tier).costPerImage(costPerImage).build();
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The model id, unique across providers, e.g. {@code recraft/recraftv3}. */
    public String id() {
        return id;
    }

    /** A readable name of the AI system for provenance labels, e.g. "Recraft V3"; the id when not set. */
    public String displayName() {
        return displayName;
    }

    public ModelTier tier() {
        return tier;
    }

    public Cost costPerImage() {
        return costPerImage;
    }

    /** What this model can do; {@link ImageOperation#GENERATE} only by default. */
    public Set<ImageOperation> operations() {
        return operations;
    }

    public boolean supports(ImageOperation operation) {
        return operations.contains(operation);
    }

    @Override
    public String toString() {
        return id + " " + operations;
    }

    /** Builds a {@link ModelInfo}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String displayName;
        private ModelTier tier = ModelTier.QUALITY;
        private Cost cost = Cost.FREE;
        private Set<ImageOperation> operations = EnumSet.of(ImageOperation.GENERATE);

        private Builder(String id) {
            this.id = id;
        }

        public Builder displayName(String value) {
            this.displayName = value;
            return this;
        }

        public Builder tier(ModelTier value) {
            this.tier = value;
            return this;
        }

        public Builder costPerImage(Cost value) {
            this.cost = value;
            return this;
        }

        public Builder operations(ImageOperation first, ImageOperation... more) {
            this.operations = EnumSet.of(first, more);
            return this;
        }

        public ModelInfo build() {
            return new ModelInfo(this);
        }
    }
}
