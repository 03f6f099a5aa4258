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

    /** The configuration PID of the runtime's data source ({@code etc/org.ops4j.datasource-images.cfg}). */
    static final String DATA_SOURCE = "org.ops4j.datasource-images";

    /**
     * The data source the README's production setup shows, for {@link #DATA_SOURCE}: PostgreSQL through
     * pax-jdbc-config and HikariCP, the password from the environment ({@link #secretsInEnvironment}).
     */
    static Map<String, String> database(String jdbcUrl, DebianPostgres postgres) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("osgi.jdbc.driver.name", "PostgreSQL JDBC Driver");
        c.put("dataSourceName", "images");
        c.put("url", jdbcUrl);
        c.put("user", postgres.user());
        c.put(".password", "$[env:IMAGES_IT_DB_PASSWORD]");
        c.put("pool", "hikari");
        c.put("xa", "false");
        c.put("hikari.poolName", "images");
        c.put("hikari.maximumPoolSize", "16");
        c.put("hikari.connectionTimeout", "5000");
        c.put("hikari.initializationFailTimeout", "-1");
        return c;
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
