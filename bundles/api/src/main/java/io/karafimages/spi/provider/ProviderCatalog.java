package io.karafimages.spi.provider;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The image providers installed now. Providers handed out are wrapped so that the configured maximum of
 * parallel requests per provider holds.
 */
@ProviderType
public interface ProviderCatalog {
    /** A provider and one of its models. */
    record Choice(ImageProvider provider, ModelInfo model) {
    }

    List<ImageProvider> providers();

    /** The provider that offers this model id. */
    Optional<Choice> forModel(String modelId);

    /** The best-ranked provider offering a generation model of this tier, falling back as configured. */
    default Optional<Choice> forTier(ModelTier tier) {
        return forOperation(ImageOperation.GENERATE, tier);
    }

    /**
     * The best-ranked provider with a model of this tier that supports the operation; when none has that tier,
     * the best-ranked one of any tier (if the runtime's tier fallback is on).
     */
    Optional<Choice> forOperation(ImageOperation operation, ModelTier tier);

    /** Every (provider, model) that supports the operation, best first. */
    List<Choice> all(ImageOperation operation);
}
