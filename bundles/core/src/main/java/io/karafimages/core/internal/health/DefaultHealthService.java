package io.karafimages.core.internal.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.HealthService;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.core.internal.registry.ProviderRegistry;
import io.karafimages.core.internal.registry.SkillRegistry;
import io.karafimages.core.internal.store.TaskRepository;

/**
 * Asks each backend for its state; ready when the store, the active storage and the active keys are up, a provider
 * is installed and images can be signed (the provenance service is bound, unless the pipeline does without). The
 * endpoint needs no credentials, so one answer serves every caller for {@link #CACHE_FOR}: a flood of anonymous
 * health checks cannot become a flood of Vault and S3 calls made with our credentials (security review L1).
 */
@Component(service = HealthService.class)
public final class DefaultHealthService implements HealthService {
    private final TaskRepository store;
    private final Backends backends;
    private final ProviderRegistry providers;
    private final SkillRegistry skills;

    private final RenditionPipeline pipeline;

    @Activate
    public DefaultHealthService(@Reference TaskRepository store, @Reference Backends backends,
            @Reference ProviderRegistry providers, @Reference SkillRegistry skills,
            @Reference RenditionPipeline pipeline) {
        this(store, backends, providers, skills, pipeline, CACHE_FOR);
    }

    /** Without the pipeline's provenance state (tests of the backends). */
    public DefaultHealthService(TaskRepository store, Backends backends, ProviderRegistry providers,
            SkillRegistry skills, Duration cacheFor) {
        this(store, backends, providers, skills, null, cacheFor);
    }

    /** @param cacheFor how long one answer is reused; zero checks on every call (tests) */
    public DefaultHealthService(TaskRepository store, Backends backends, ProviderRegistry providers,
            SkillRegistry skills, RenditionPipeline pipeline, Duration cacheFor) {
        this.cacheFor = cacheFor;
        this.store = store;
        this.backends = backends;
        this.providers = providers;
        this.skills = skills;
        this.pipeline = pipeline;
    }

    static final Duration CACHE_FOR = Duration.ofSeconds(2);
    private final Duration cacheFor;
    private Report last;
    private long lastAt;

    @Override
    public synchronized Report check() { // synchronized: concurrent callers wait for one check instead of each running one
        long now = System.nanoTime();
        if (last == null || now - lastAt >= cacheFor.toNanos()) {
            last = checkNow();
            lastAt = System.nanoTime();
        }
        return last;
    }

    private Report checkNow() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("store", safely(store::health));
        checks.put("storage", safely(() -> backends.activeStore().id() + ": " + backends.activeStore().health()));
        checks.put("keys", safely(() -> backends.activeKeys().id() + ": " + backends.activeKeys().health()));
        checks.put("providers", providers.providers().isEmpty() ? "none installed"
                : String.join(", ", providers.providers().stream().map(p -> p.id()).toList()));
        checks.put("skills", String.valueOf(skills.skills().size()));
        if (pipeline != null) {
            checks.put("provenance", pipeline.provenanceHealth());
        }
        // not ready until images can be signed: seen in CI, a client that waited for 200 uploaded before the
        // provenance bundle had bound its service and got 503 provenance_unavailable
        boolean ready = checks.get("store").equals("up") && checks.get("storage").endsWith(": up")
                && checks.get("keys").endsWith(": up") && !providers.providers().isEmpty()
                && (pipeline == null || pipeline.provenanceReady());
        return new Report(ready, checks);
    }

    private static String safely(Supplier<String> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return "down: " + e.getMessage();
        }
    }
}
