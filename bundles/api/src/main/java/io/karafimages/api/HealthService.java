package io.karafimages.api;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Liveness and readiness of the runtime and each backend. */
@ProviderType
public interface HealthService {
    /** @param ready true when every required backend is up; {@code checks} maps backend to a short state */
    record Report(boolean ready, Map<String, String> checks) {
    }

    Report check();
}
