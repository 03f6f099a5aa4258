package io.karafimages.spi.provider;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A style to learn: 1 to 5 of the caller's images, decrypted, and an optional base style. Immutable. */
public final class StyleRequest {
    private final String model;
    private final List<ImageRequest.ReferenceImage> references;
    private final String baseStyle;

    private StyleRequest(String model, List<ImageRequest.ReferenceImage> references, String baseStyle) {
        this.model = Objects.requireNonNull(model, "model");
        this.references = List.copyOf(references);
        if (this.references.isEmpty() || this.references.size() > 5) {
            throw new IllegalArgumentException("a style needs 1 to 5 reference images");
        }
        this.baseStyle = baseStyle;
    }

    /**
     * @param model one of the provider's model ids that supports {@link ImageOperation#CREATE_STYLE}
     * @param baseStyle the provider's base style name (Recraft: {@code realistic_image}, {@code digital_illustration},
     *        ...), or null for the provider's default
     */
    public static StyleRequest of(String model, List<ImageRequest.ReferenceImage> references, String baseStyle) {
        return new StyleRequest(model, references, baseStyle);
    }

    public String model() {
        return model;
    }

    public List<ImageRequest.ReferenceImage> references() {
        return references;
    }

    public Optional<String> baseStyle() {
        return Optional.ofNullable(baseStyle);
    }
}
