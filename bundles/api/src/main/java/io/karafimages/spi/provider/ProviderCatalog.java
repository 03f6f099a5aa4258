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

    /** The best-ranked provider offering a model of this tier, falling back to any model when none does. */
    Optional<Choice> forTier(ModelTier tier);
}
