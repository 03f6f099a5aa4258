package io.karafimages.keys.vault.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Validated settings of the Vault key service, built from {@link VaultKeysConfig} or directly by tests.
 *
 * @param caCertFile {@code null} for the JVM's default trust store
 */
public record VaultSettings(String address, String namespace, String mount, AuthMethod authMethod, String token,
        String approleMount, String roleId, String secretId, String keyPrefix, Duration cacheTtl,
        int cacheMaxEntries, Duration connectTimeout, Duration readTimeout, Path caCertFile) {

    /** How the service gets its Vault token. */
    public enum AuthMethod {
        TOKEN, APPROLE
    }

    public VaultSettings {
        URI uri = URI.create(address == null ? "" : address.trim());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("images.keys.vault: 'address' must be an http(s) URL, e.g. "
                    + "https://vault.internal:8200");
        }
        address = address.trim().replaceAll("/+$", "");
        mount = trimSlashes(mount);
        approleMount = trimSlashes(approleMount);
        if (authMethod == AuthMethod.TOKEN && token.isBlank()) {
            throw new IllegalArgumentException("images.keys.vault: auth.method=token needs .token");
        }
        if (authMethod == AuthMethod.APPROLE && (roleId.isBlank() || secretId.isBlank())) {
            throw new IllegalArgumentException("images.keys.vault: auth.method=approle needs role.id and .secret.id");
        }
        if (mount.isEmpty() || cacheTtl.isNegative() || cacheMaxEntries < 0) {
            throw new IllegalArgumentException("images.keys.vault: transit.mount must be set; cache settings "
                    + "must not be negative");
        }
    }

    static VaultSettings from(VaultKeysConfig c) {
        AuthMethod method = switch (c.auth_method().trim().toLowerCase(Locale.ROOT)) {
            case "token" -> AuthMethod.TOKEN;
            case "approle" -> AuthMethod.APPROLE;
            default -> throw new IllegalArgumentException("images.keys.vault: auth.method must be token or approle");
        };
        return new VaultSettings(c.address(), c.namespace().trim(), c.transit_mount(), method, c._token().trim(),
                c.approle_mount(), c.role_id().trim(), c._secret_id().trim(), c.key_prefix().trim(),
                Duration.ofSeconds(c.cache_ttl_seconds()), c.cache_max_entries(),
                Duration.ofSeconds(c.connect_timeout_seconds()), Duration.ofSeconds(c.read_timeout_seconds()),
                c.ca_cert_file().isBlank() ? null : Path.of(c.ca_cert_file().trim()));
    }

    /** Token authentication with every other setting at its default. */
    public static VaultSettings withToken(String address, String token) {
        return new VaultSettings(address, "", "transit", AuthMethod.TOKEN, token, "approle", "", "", "images-user-",
                Duration.ofSeconds(60), 10_000, Duration.ofSeconds(5), Duration.ofSeconds(10), null);
    }

    /** AppRole authentication with every other setting at its default. */
    public static VaultSettings withAppRole(String address, String roleId, String secretId) {
        return new VaultSettings(address, "", "transit", AuthMethod.APPROLE, "", "approle", roleId, secretId,
                "images-user-", Duration.ofSeconds(60), 10_000, Duration.ofSeconds(5), Duration.ofSeconds(10), null);
    }

    public VaultSettings mount(String transitMount) {
        return new VaultSettings(address, namespace, transitMount, authMethod, token, approleMount, roleId, secretId,
                keyPrefix, cacheTtl, cacheMaxEntries, connectTimeout, readTimeout, caCertFile);
    }

    public VaultSettings cache(Duration ttl, int maxEntries) {
        return new VaultSettings(address, namespace, mount, authMethod, token, approleMount, roleId, secretId,
                keyPrefix, ttl, maxEntries, connectTimeout, readTimeout, caCertFile);
    }

    private static String trimSlashes(String path) {
        return path == null ? "" : path.trim().replaceAll("^/+|/+$", "");
    }
}
