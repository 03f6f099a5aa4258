package io.karafimages.itests;

import java.util.LinkedHashMap;
import java.util.Map;

import io.karafimages.testsupport.DebianPostgres;
import io.karafimages.testsupport.S3Proxy;
import io.karafimages.testsupport.TransitSimulator;

/**
 * A runtime configured the way an operator configures production: PostgreSQL, S3 and Vault in {@code etc/*.cfg},
 * secrets as {@code $[env:...]} placeholders filled from the process environment. Shared by the tests that run
 * the distribution on those backends.
 */
final class ProductionBackends {
    static final String VAULT_TOKEN_FROM_ENV = "$[env:IMAGES_IT_VAULT_TOKEN]";

    private ProductionBackends() {
    }

    /** The secrets the configuration refers to, in the runtime's environment. */
    static void secretsInEnvironment(KarafProcess karaf, DebianPostgres postgres) {
        karaf.environment("IMAGES_IT_DB_PASSWORD", postgres.password());
        karaf.environment("IMAGES_IT_S3_SECRET", S3Proxy.CREDENTIAL);
        karaf.environment("IMAGES_IT_VAULT_TOKEN", TransitSimulator.ROOT_TOKEN);
    }

    static Map<String, String> database(String jdbcUrl, DebianPostgres postgres) {
        return Map.of("url", jdbcUrl, "user", postgres.user(), ".password", "$[env:IMAGES_IT_DB_PASSWORD]");
    }

    static Map<String, String> s3(S3Proxy s3, String bucket) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bucket", bucket);
        c.put("region", "us-east-1");
        c.put("endpoint", s3.endpoint().toString());
        c.put("path.style.access", "true");
        c.put("access.key.id", S3Proxy.IDENTITY);
        c.put(".secret.access.key", "$[env:IMAGES_IT_S3_SECRET]");
        return c;
    }

    /** @param cacheSeconds how long unwrapped keys are cached (0: every read asks Vault) */
    static Map<String, String> vault(TransitSimulator vault, String token, int cacheSeconds) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("address", vault.address());
        c.put("transit.mount", "transit");
        c.put("auth.method", "token");
        c.put(".token", token);
        c.put("cache.ttl.seconds", String.valueOf(cacheSeconds));
        return c;
    }
}
