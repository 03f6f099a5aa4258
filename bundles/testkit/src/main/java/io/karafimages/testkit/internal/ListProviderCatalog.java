package io.karafimages.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;

/**
 * A catalog over a fixed list of providers, best-ranked first (the order the test gave them); no parallelism
 * limit. Immutable.
 */
public final class ListProviderCatalog implements ProviderCatalog {
    private final List<ImageProvider> providers;
    private final boolean tierFallback;

    public ListProviderCatalog(List<ImageProvider> providers, boolean tierFallback) {
        this.providers = List.copyOf(providers);
        this.tierFallback = tierFallback;
    }

    @Override
    public List<ImageProvider> providers() {
        return providers;
    }

    @Override
    public Optional<Choice> forModel(String modelId) {
        return choices().stream().filter(c -> c.model().id().equals(modelId)).findFirst();
    }

    @Override
    public Optional<Choice> forOperation(ImageOperation operation, ModelTier tier) {
        Optional<Choice> exact = all(operation).stream().filter(c -> c.model().tier() == tier).findFirst();
        if (exact.isPresent() || !tierFallback) {
            return exact;
        }
        return all(operation).stream().findFirst();
    }

    @Override
    public List<Choice> all(ImageOperation operation) {
        return choices().stream().filter(c -> c.model().supports(operation)).toList();
    }

    private List<Choice> choices() {
        List<Choice> all = new ArrayList<>();
        for (ImageProvider p : providers) {
            for (ModelInfo m : p.models()) {
                all.add(new Choice(p, m));
            }
        }
        return all;
    }
}
