package io.karafimages.keys.vault.internal;

import java.time.Duration;

import io.karafimages.api.ImagesException;

/** Vault failures as the product's errors: fail closed with retryable 503s, clear messages for misconfiguration. */
final class VaultErrors {
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private VaultErrors() {
    }

    static ImagesException map(VaultCallException e, VaultSettings settings) {
        int status = e.status();
        if (status == 0) {
            return unavailable("Vault cannot be reached; keys can be neither made nor opened until it is back.", e);
        }
        if (e.sealed()) {
            return unavailable("Vault is sealed; keys can be neither made nor opened until it is unsealed.", e);
        }
        if (status >= 500 || status == 429 || status == 412) {
            return unavailable("Vault cannot serve requests right now (HTTP " + status + ").", e);
        }
        if (status == 403 || status == 400 && e.mentions("invalid role")) {
            return new ImagesException("keys_access_denied", 500, false, accessDenied(settings), null, e);
        }
        if (status == 404) {
            return new ImagesException("keys_misconfigured", 500, false, "Vault has no Transit engine at '"
                    + settings.mount() + "/' (HTTP 404): check transit.mount in images.keys.vault.", null, e);
        }
        return new ImagesException("keys_vault_error", 500, false,
                "Vault rejected the request (HTTP " + status + (e.errors().isEmpty() ? "" : ": " + e.firstError())
                        + ").", null, e);
    }

    /** A short reason for the health endpoint. */
    static String health(VaultCallException e, VaultSettings settings) {
        if (e.status() == 0) {
            Throwable cause = e.getCause();
            return "down: Vault unreachable at " + settings.address() + " (" + (cause == null ? "no answer"
                    : cause.getClass().getSimpleName()) + ")";
        }
        if (e.sealed()) {
            return "down: Vault is sealed";
        }
        ImagesException mapped = map(e, settings);
        if (mapped.code().equals("keys_access_denied")) {
            return settings.authMethod() == VaultSettings.AuthMethod.APPROLE
                    ? "down: permission denied by Vault (check role.id / .secret.id)"
                    : "down: permission denied by Vault (check the token)";
        }
        return "down: " + mapped.getMessage();
    }

    private static String accessDenied(VaultSettings settings) {
        String credentials = settings.authMethod() == VaultSettings.AuthMethod.APPROLE
                ? "role.id and .secret.id" : "the token (.token)";
        return "Vault denied access (permission denied): check " + credentials + " in images.keys.vault, and that "
                + "its policy allows the Transit paths under '" + settings.mount() + "/' for keys named '"
                + settings.keyPrefix() + "*'.";
    }

    static ImagesException unavailable(String message, Throwable cause) {
        return ImagesException.unavailable("keys_unavailable", message, RETRY_AFTER, cause);
    }
}
