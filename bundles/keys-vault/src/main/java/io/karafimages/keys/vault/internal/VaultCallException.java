package io.karafimages.keys.vault.internal;

import java.util.List;

/** A Vault request that did not succeed: its HTTP status (0 when Vault was not reached) and Vault's error texts. */
final class VaultCallException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final List<String> errors;

    VaultCallException(int status, List<String> errors, String path) {
        super("Vault answered HTTP " + status + " for " + path + (errors.isEmpty() ? "" : ": " + errors));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    VaultCallException(String path, Throwable cause) {
        super("Vault not reached for " + path + ": " + cause, cause);
        this.status = 0;
        this.errors = List.of();
    }

    /** The HTTP status, or 0 when the request did not reach Vault (refused, timed out, TLS failure). */
    int status() {
        return status;
    }

    List<String> errors() {
        return errors;
    }

    boolean sealed() {
        return status == 503 && mentions("sealed");
    }

    boolean mentions(String text) {
        return errors.stream().anyMatch(e -> e.toLowerCase(java.util.Locale.ROOT).contains(text));
    }

    String firstError() {
        return errors.isEmpty() ? "" : errors.get(0);
    }
}
