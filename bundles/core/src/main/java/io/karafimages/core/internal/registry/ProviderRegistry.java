package io.karafimages.core.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;

/**
 * The one place that tracks image providers. Hands providers out wrapped in a per-provider limit of
 * parallel requests, so one slow vendor cannot take every worker.
 *
 * <p>A provider registered with {@value #OFFLINE} {@code = true} (the offline local one) is a stand-in: it answers
 * a tier only while no other provider is installed ("with no provider configured the runtime uses its offline
 * local provider", API.md). Otherwise removing the only draft provider would hand drafts to procedural pictures
 * whatever {@code tier.fallback} says. An explicit {@code model} still reaches it.
 */
@Component(service = { ProviderRegistry.class, ProviderCatalog.class }, configurationPid = "images.providers")
@Designate(ocd = ProviderRegistry.Config.class)
public final class ProviderRegistry implements ProviderCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);
    /** Service property of a provider that stands in only while no other one is installed. */
    public static final String OFFLINE = "images.provider.offline";

    @ObjectClassDefinition(name = "Karaf Images: image providers",
            description = "Limits that apply to every installed image provider.")
    public @interface Config {
        @AttributeDefinition(name = "Max parallel requests per provider",
                description = "How many generations one provider may run at the same time on this node; "
                        + "further tasks wait for a free slot.", min = "1")
        int max_parallel() default 4;

        @AttributeDefinition(name = "Fall back to another tier", description = "When no installed provider "
                + "offers the requested tier (e.g. 'draft' while the fal provider is removed), use the best-ranked "
                + "provider of any tier instead of failing with provider_unavailable.")
        boolean tier_fallback() default true;
    }

    private final RankedServices<ImageProvider> providers = new RankedServices<>();
    private final Map<String, Semaphore> limits = new ConcurrentHashMap<>();
    private volatile int maxParallel = 4;
    private volatile boolean tierFallback = true;

    @Activate
    @Modified
    public void configure(Config config) {
        maxParallel = Math.max(1, config.max_parallel());
        tierFallback = config.tier_fallback();
        limits.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addProvider(ImageProvider provider, Map<String, Object> properties) {
        providers.add(provider, properties);
        LOG.info("Image provider '{}' is available with models {}", provider.id(),
                provider.models().stream().map(ModelInfo::id).toList());
    }

    public void removeProvider(ImageProvider provider) {
        providers.remove(provider);
        LOG.info("Image provider '{}' was removed", provider.id());
    }

    @Override
    public List<ImageProvider> providers() {
        return providers.all().stream().map(this::limited).toList();
    }

    @Override
    public Optional<Choice> forModel(String modelId) {
        for (ImageProvider p : providers.all()) {
            for (ModelInfo m : p.models()) {
                if (m.id().equals(modelId)) {
                    return Optional.of(new Choice(limited(p), m));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Choice> forOperation(ImageOperation operation, ModelTier tier) {
        List<Choice> candidates = candidates(operation);
        Optional<Choice> exact = candidates.stream().filter(c -> c.model().tier() == tier).findFirst();
        if (exact.isPresent() || !tierFallback) {
            return exact;
        }
        return candidates.stream().findFirst();
    }

    @Override
    public List<Choice> all(ImageOperation operation) {
        return candidates(operation);
    }

    /**
     * The (provider, model) pairs that can do the operation, best-ranked provider first. Offline stand-ins count
     * only while no other provider can do it.
     */
    private List<Choice> candidates(ImageOperation operation) {
        List<Choice> real = choices(providers.all(p -> !Boolean.TRUE.equals(p.get(OFFLINE))), operation);
        return real.isEmpty() ? choices(providers.all(p -> Boolean.TRUE.equals(p.get(OFFLINE))), operation) : real;
    }

    private List<Choice> choices(List<ImageProvider> ranked, ImageOperation operation) {
        List<Choice> out = new ArrayList<>();
        for (ImageProvider p : ranked) {
            for (ModelInfo m : p.models()) {
                if (m.supports(operation)) {
                    out.add(new Choice(limited(p), m));
                }
            }
        }
        return out;
    }

    private ImageProvider limited(ImageProvider provider) {
        Semaphore permits = limits.computeIfAbsent(provider.id(), id -> new Semaphore(maxParallel, true));
        return new LimitedImageProvider(provider, permits);
    }
}
