package io.karafimages.keys.vault.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of PID {@code images.keys.vault} (file {@code etc/images.keys.vault.cfg}). As everywhere in the
 * product, an underscore in a method name is a dot in the key ({@code transit_mount()} is {@code transit.mount});
 * a leading underscore becomes a leading dot ({@code _token()} is {@code .token}), which Declarative Services keeps
 * off the service registration, so secrets are never visible as service properties.
 */
@ObjectClassDefinition(id = "images.keys.vault", name = "Karaf Images: Vault keys",
        description = "Per-user key-encryption keys in the Transit secrets engine of HashiCorp Vault (1.13 or "
                + "later) or OpenBao. Each user gets one Transit key, created on first use; data keys are made and "
                + "wrapped by Vault in one call, so the key-encryption keys never leave Vault. The service exists "
                + "only while this configuration exists and registers with service.ranking 100, above the local "
                + "default (-100). It fails closed: while Vault is unreachable or sealed every call answers 503 "
                + "keys_unavailable (retryable, Retry-After 10 s); there is never a plaintext fallback.")
public @interface VaultKeysConfig {
    @AttributeDefinition(name = "Vault address", description = "Base URL of Vault, e.g. https://vault.internal:8200.")
    String address();

    @AttributeDefinition(name = "Namespace", required = false,
            description = "Vault Enterprise / HCP namespace sent as X-Vault-Namespace. Empty: none.")
    String namespace() default "";

    @AttributeDefinition(name = "Transit mount", description = "Path where the Transit engine is mounted.")
    String transit_mount() default "transit";

    @AttributeDefinition(name = "Authentication", description = "token: use the token below as is (renewed "
            + "before it expires when it is renewable; use a periodic token so it never reaches a maximum TTL). "
            + "approle: log in with role.id and .secret.id, renew the token while possible and log in again "
            + "when it can no longer be renewed.",
            options = { @Option(label = "token", value = "token"), @Option(label = "approle", value = "approle") })
    String auth_method() default "token";

    @AttributeDefinition(name = "Token", required = false, type = AttributeType.PASSWORD,
            description = "Vault token for auth.method=token, under the key .token. Never write the literal: use "
                    + "$[secret:vault_token] or $[env:VAULT_TOKEN]. Its policy needs create/update on "
                    + "<transit.mount>/keys/images-user-*, <transit.mount>/datakey/plaintext/images-user-*, "
                    + "<transit.mount>/encrypt/images-user-* and <transit.mount>/decrypt/images-user-*.")
    String _token() default "";

    @AttributeDefinition(name = "AppRole mount", description = "Path where the AppRole auth method is mounted.")
    String approle_mount() default "approle";

    @AttributeDefinition(name = "AppRole role id", required = false, description = "role.id for auth.method=approle.")
    String role_id() default "";

    @AttributeDefinition(name = "AppRole secret id", required = false, type = AttributeType.PASSWORD,
            description = "secret.id for auth.method=approle, under the key .secret.id; use $[secret:...] or "
                    + "$[env:...], never the literal.")
    String _secret_id() default "";

    @AttributeDefinition(name = "Key name prefix",
            description = "Transit key names are this prefix plus the first 32 hex digits of SHA-256(user id), "
                    + "e.g. images-user-3f2a...; Vault policies can match the prefix with a glob.")
    String key_prefix() default "images-user-";

    @AttributeDefinition(name = "Cache TTL (s)",
            description = "How long an unwrapped data key stays in memory, so reading a file again soon (preview, "
                    + "then full image) costs no Vault round trip. Trade-off: during this time a key keeps "
                    + "working after its Transit key was deleted or the token revoked, and the plaintext key is "
                    + "in this JVM's heap (it is wiped on expiry). 0 disables the cache: every read asks Vault.")
    int cache_ttl_seconds() default 60;

    @AttributeDefinition(name = "Cache size",
            description = "At most this many unwrapped data keys are cached (about 300 bytes each); the least "
                    + "recently used goes first.")
    int cache_max_entries() default 10_000;

    @AttributeDefinition(name = "Connect timeout (s)", description = "Time allowed to connect to Vault.")
    int connect_timeout_seconds() default 5;

    @AttributeDefinition(name = "Read timeout (s)", description = "Time allowed for Vault to answer a request.")
    int read_timeout_seconds() default 10;

    @AttributeDefinition(name = "CA certificate file", required = false,
            description = "PEM file with the CA certificate(s) that signed Vault's TLS certificate. Empty: the "
                    + "JVM's default trust store.")
    String ca_cert_file() default "";
}
