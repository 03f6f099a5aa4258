package io.karafimages.core.internal.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.HealthService;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.registry.ProviderRegistry;
import io.karafimages.core.internal.registry.SkillRegistry;
import io.karafimages.spi.store.TaskStore;

/** Asks each backend for its state; ready when the store, the active storage and the active keys are up. */
@Component(service = HealthService.class)
public final class DefaultHealthService implements HealthService {
    private final TaskStore store;
    private final Backends backends;
    private final ProviderRegistry providers;
    private final SkillRegistry skills;

    @Activate
    public DefaultHealthService(@Reference TaskStore store, @Reference Backends backends,
            @Reference ProviderRegistry providers, @Reference SkillRegistry skills) {
        this.store = store;
        this.backends = backends;
        this.providers = providers;
        this.skills = skills;
    }

    @Override
    public Report check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("store", safely(store::health));
        checks.put("storage", safely(() -> backends.activeStore().id() + ": " + backends.activeStore().health()));
        checks.put("keys", safely(() -> backends.activeKeys().id() + ": " + backends.activeKeys().health()));
        checks.put("providers", providers.providers().isEmpty() ? "none installed"
                : String.join(", ", providers.providers().stream().map(p -> p.id()).toList()));
        checks.put("skills", String.valueOf(skills.skills().size()));
        boolean ready = checks.get("store").equals("up") && checks.get("storage").endsWith(": up")
                && checks.get("keys").endsWith(": up") && !providers.providers().isEmpty();
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
