package io.karafimages.benchmarks;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import io.karafimages.core.internal.users.DefaultUserService;
import io.karafimages.core.internal.store.jdbc.JdbcStore;
import io.karafimages.testsupport.DebianPostgres;

/**
 * What the API key cache saves per request (issue 12): {@code UserService.authenticate} with the cache off
 * ({@code apikey.cache.ttl=0}: a SHA-256 and a database read per request, as before) and on (default 10 s), on
 * embedded H2 and on a real PostgreSQL over TCP (Debian's server, started here). Prints the median and p99 of
 * single calls in microseconds and the calls per second of one thread. Run by hand: benchmarks/apikey-auth.sh.
 */
public final class ApiKeyAuth {
    private static final int CALLS = 20_000;

    public static void main(String[] args) throws Exception {
        System.out.printf("%-10s %-6s %10s %10s %12s%n", "database", "cache", "p50_us", "p99_us", "calls/s");
        try (JdbcStore h2 = JdbcStore.forUrl("jdbc:h2:mem:bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")) {
            run("h2", h2);
        }
        DebianPostgres pg = DebianPostgres.start(Path.of(args.length > 0 ? args[0] : "benchmarks/target"));
        try (JdbcStore store = JdbcStore.forUrl(pg.createDatabase("apikeybench"), pg.user(), pg.password())) {
            run("postgresql", store);
        } finally {
            pg.stop();
        }
    }

    private static void run(String db, JdbcStore store) {
        for (String ttl : new String[] { "0", "PT10S" }) {
            DefaultUserService users = new DefaultUserService(store, store.apiKeys(), config(ttl));
            String name = "bench" + System.nanoTime();
            users.createUser(name);
            String key = users.createApiKey(name);
            measure(() -> users.authenticate(key).orElseThrow(), CALLS / 4); // warm-up
            long[] nanos = measure(() -> users.authenticate(key).orElseThrow(), CALLS);
            Arrays.sort(nanos);
            long total = Arrays.stream(nanos).sum();
            System.out.printf("%-10s %-6s %10.1f %10.1f %12.0f%n", db, ttl.equals("0") ? "off" : "10 s",
                    nanos[nanos.length / 2] / 1e3, nanos[(int) (nanos.length * 0.99)] / 1e3, CALLS / (total / 1e9));
        }
    }

    private static long[] measure(Supplier<?> call, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.get();
            out[i] = System.nanoTime() - t;
        }
        return out;
    }

    private static DefaultUserService.Config config(String ttl) {
        return new DefaultUserService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DefaultUserService.Config.class;
            }

            @Override
            public String apikey_cache_ttl() {
                return ttl;
            }

            @Override
            public int apikey_cache_size() {
                return 10000;
            }
        };
    }
}
