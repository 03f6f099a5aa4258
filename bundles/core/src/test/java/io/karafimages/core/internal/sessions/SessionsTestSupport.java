package io.karafimages.core.internal.sessions;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.karafimages.core.internal.store.SessionRepository;
import io.karafimages.core.internal.store.jdbc.JdbcStore;

/** The real JDBC store on H2 in memory, whose database clock the test may move forward. */
final class SessionsTestSupport implements AutoCloseable {
    final JdbcStore store;
    final SessionRepository sessions;
    private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);

    SessionsTestSupport() throws Exception {
        store = JdbcStore.forUrl("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        SessionRepository real = store.sessions();
        sessions = (SessionRepository) Proxy.newProxyInstance(SessionRepository.class.getClassLoader(),
                new Class<?>[] { SessionRepository.class }, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real, args);
                        return method.getName().equals("now") ? ((Instant) result).plus(skew.get()) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Moves the database clock as the service sees it. */
    void advance(Duration d) {
        skew.updateAndGet(s -> s.plus(d));
    }

    @Override
    public void close() {
        store.close();
    }
}
