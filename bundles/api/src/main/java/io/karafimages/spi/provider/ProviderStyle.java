package io.karafimages.spi.provider;

import java.util.Objects;

/**
 * A style a provider learned: the model that made it and the provider's own reference to it (Recraft's style id,
 * or a compact description for an offline provider, at most 16 KB). Secret to its owner: the runtime stores it
 * encrypted. Immutable.
 */
public final class ProviderStyle {
    private final String modelId;
    private final String reference;

    private ProviderStyle(String modelId, String reference) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.reference = Objects.requireNonNull(reference, "reference");
        if (reference.isEmpty() || reference.length() > 16 * 1024) {
            throw new IllegalArgumentException("a style reference has 1 to 16384 characters");
        }
    }

    public static ProviderStyle of(String modelId, String reference) {
        return new ProviderStyle(modelId, reference);
    }

    public String modelId() {
        return modelId;
    }

    public String reference() {
        return reference;
    }
}
