package io.karafimages.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.core.internal.testing.Configs;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;

/** Which provider answers a tier: ranking, the offline stand-in, and {@code tier.fallback}. */
class ProviderRegistryTest {
    private static final ImageProvider LOCAL = new Fake("local", ModelInfo.of("local/q", ModelTier.QUALITY, Cost.FREE),
            ModelInfo.of("local/d", ModelTier.DRAFT, Cost.FREE));
    private static final ImageProvider GOOGLE = new Fake("google",
            ModelInfo.of("google/q", ModelTier.QUALITY, Cost.ofUsd(0.134)));
    private static final ImageProvider FAL = new Fake("fal", ModelInfo.of("fal/d", ModelTier.DRAFT, Cost.ofUsd(0.014)));

    private final ProviderRegistry registry = new ProviderRegistry();

    private ProviderRegistryTest fallback(boolean on) {
        registry.configure(Configs.of(ProviderRegistry.Config.class, Map.of("tier_fallback", on)));
        return this;
    }

    private ProviderRegistryTest with(ImageProvider provider, int ranking, long serviceId) {
        registry.addProvider(provider, provider == LOCAL
                ? Map.of("service.ranking", ranking, "service.id", serviceId, ProviderRegistry.OFFLINE, true)
                : Map.of("service.ranking", ranking, "service.id", serviceId));
        return this;
    }

    private Optional<String> model(ModelTier tier) {
        return registry.forTier(tier).map(ProviderCatalog.Choice::model).map(ModelInfo::id);
    }

    @Test
    void withNoOtherProviderTheOfflineOneAnswersBothTiers() {
        fallback(false).with(LOCAL, -1000, 1);
        assertEquals(Optional.of("local/q"), model(ModelTier.QUALITY));
        assertEquals(Optional.of("local/d"), model(ModelTier.DRAFT));
    }

    @Test
    void eachTierGoesToTheProviderThatOffersIt() {
        fallback(true).with(LOCAL, -1000, 1).with(GOOGLE, 100, 2).with(FAL, 100, 3);
        assertEquals(Optional.of("google/q"), model(ModelTier.QUALITY));
        assertEquals(Optional.of("fal/d"), model(ModelTier.DRAFT));
    }

    @Test
    void withoutADraftProviderDraftsFallBackToTheBestRankedRealProviderNotTheOfflineOne() {
        fallback(true).with(LOCAL, -1000, 1).with(GOOGLE, 100, 2);
        assertEquals(Optional.of("google/q"), model(ModelTier.DRAFT));
    }

    @Test
    void withoutADraftProviderAndWithoutFallbackThereIsNoChoice() {
        fallback(false).with(LOCAL, -1000, 1).with(GOOGLE, 100, 2);
        assertTrue(model(ModelTier.DRAFT).isEmpty());
        assertEquals(Optional.of("local/d"), registry.forModel("local/d").map(c -> c.model().id()),
                "an explicit model still reaches the offline provider");
    }

    @Test
    void whenTheRealProvidersGoTheOfflineOneAnswersAgain() {
        fallback(false).with(LOCAL, -1000, 1).with(GOOGLE, 100, 2);
        registry.removeProvider(GOOGLE);
        assertEquals(Optional.of("local/d"), model(ModelTier.DRAFT));
    }

    private record Fake(String id, List<ModelInfo> models) implements ImageProvider {
        Fake(String id, ModelInfo... models) {
            this(id, List.of(models));
        }

        @Override
        public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
            throw new AssertionError("selection tests must not generate");
        }
    }
}
