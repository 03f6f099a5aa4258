package io.karafimages.core.internal.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.karafimages.api.ImagesException;

/**
 * A commit that fails inside the database (seen with H2 under ZGC: {@code MVStoreException} from
 * {@code TransactionStore.commit}) must not leave its session's row locks held: before, the connection went back to
 * the pool with its transaction in an unknown state, and every later write of the same rows timed out until the node
 * restarted. Now the connection is thrown away, which closes the session. The driver here is H2 behind HikariCP, as
 * in the runtime; only the failures are simulated: a broken session refuses commit and rollback for good and rolls
 * back only when it is really closed; a failing commit refuses once and then rolls back as asked.
 */
class BrokenCommitTest {
    private final AtomicBoolean breakNextCommit = new AtomicBoolean();
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    /** Physical connections closed after one of their commits failed. */
    private final AtomicInteger closedAfterFailedCommit = new AtomicInteger();
    /** Calls of {@link Connection#abort} on physical connections. */
    private final AtomicInteger aborts = new AtomicInteger();
    private final DataSource driver;
    private final HikariDataSource pool;
    private final Sql sql;

    BrokenCommitTest() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        driver = h2;
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=1000");
        HikariConfig config = new HikariConfig();
        config.setDataSource(breakable(h2));
        config.setMaximumPoolSize(4);
        config.setPoolName("broken-commit-test");
        pool = new HikariDataSource(config);
        sql = new Sql(pool);
        sql.inTransaction(c -> {
            Sql.update(c, "CREATE TABLE t (id INT PRIMARY KEY, v INT)");
            return Sql.update(c, "INSERT INTO t VALUES (1, 0)");
        });
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aConnectionThatCanNeitherCommitNorRollBackIsDiscardedAndItsLocksGoWithIt() {
        breakNextCommit.set(true);
        ImagesException failed = assertThrows(ImagesException.class,
                () -> sql.inTransaction(c -> Sql.update(c, "UPDATE t SET v = 1 WHERE id = 1")));
        assertEquals(503, failed.httpStatus());
        Throwable commit = failed.getCause();
        assertTrue(commit.getMessage().contains("commit refused"), commit.getMessage());
        assertTrue(Arrays.stream(commit.getSuppressed()).anyMatch(s -> s.getMessage().contains("rollback refused")),
                "the rollback's failure is kept with the commit's");

        // the same row again, on every connection of the pool: no lock timeout, no broken connection handed out
        for (int i = 2; i < 20; i++) {
            int v = i;
            assertEquals(1, (int) sql.inTransaction(c -> Sql.update(c, "UPDATE t SET v = ? WHERE id = 1", v)));
        }
        assertEquals(19, sql.queryOne("SELECT v FROM t WHERE id = 1", rs -> rs.getInt(1)).orElseThrow());
        awaitClosedAfterFailedCommit(1);
    }

    @Test
    void aConnectionWhoseCommitFailedIsClosedEvenWhenItsRollbackSucceeds() {
        failNextCommit.set(true);
        ImagesException failed = assertThrows(ImagesException.class,
                () -> sql.inTransaction(c -> Sql.update(c, "UPDATE t SET v = 7 WHERE id = 1")));
        assertTrue(failed.getCause().getMessage().contains("commit refused"), failed.getCause().getMessage());
        assertEquals(0, failed.getCause().getSuppressed().length,
                () -> "the rollback worked: " + Arrays.toString(failed.getCause().getSuppressed()));
        awaitClosedAfterFailedCommit(1);
        assertEquals(0, sql.queryOne("SELECT v FROM t WHERE id = 1", rs -> rs.getInt(1)).orElseThrow(),
                "the failed transaction left nothing");
        assertEquals(1, (int) sql.inTransaction(c -> Sql.update(c, "UPDATE t SET v = 8 WHERE id = 1")));
    }

    @Test
    void withoutHikariCpTheConnectionIsAborted() throws SQLException {
        Sql unpooled = new Sql(breakable(driver));
        breakNextCommit.set(true);
        assertThrows(ImagesException.class,
                () -> unpooled.inTransaction(c -> Sql.update(c, "UPDATE t SET v = 9 WHERE id = 1")));
        assertEquals(1, aborts.get(), "aborted");
        assertEquals(1, closedAfterFailedCommit.get());
        assertEquals(1, (int) unpooled.inTransaction(c -> Sql.update(c, "UPDATE t SET v = 10 WHERE id = 1")),
                "the row is free again");
    }

    /** HikariCP closes an evicted connection on its own thread: wait for it, with a deadline. */
    private void awaitClosedAfterFailedCommit(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closedAfterFailedCommit.get() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        assertEquals(expected, closedAfterFailedCommit.get(), "connections closed after a failed commit");
        assertEquals(0, aborts.get(), "HikariCP evicts; nothing aborted under it");
    }

    @Test
    void aFailedTransactionThatRollsBackKeepsItsConnection() {
        int before = pool.getHikariPoolMXBean().getTotalConnections();
        assertThrows(IllegalStateException.class, () -> sql.inTransaction(c -> {
            Sql.update(c, "UPDATE t SET v = 5 WHERE id = 1");
            throw new IllegalStateException("the work failed");
        }));
        assertEquals(0, sql.queryOne("SELECT v FROM t WHERE id = 1", rs -> rs.getInt(1)).orElseThrow(),
                "rolled back");
        assertEquals(before, pool.getHikariPoolMXBean().getTotalConnections(), "nothing evicted");
        assertEquals(0, closedAfterFailedCommit.get());
    }

    /** H2's data source whose connections break, as described above, at the first commit after the test says so. */
    private DataSource breakable(DataSource driver) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection")
                        ? breakable((Connection) invoke(method, driver, args))
                        : invoke(method, driver, args));
    }

    private Connection breakable(Connection real) {
        AtomicBoolean broken = new AtomicBoolean();
        AtomicBoolean commitFailed = new AtomicBoolean();
        AtomicBoolean counted = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("commit") && (broken.get() || breakNextCommit.compareAndSet(true, false))) {
                        broken.set(true);
                        throw new SQLException("commit refused (simulated store error)", "HY000", 50000);
                    }
                    if (name.equals("commit") && failNextCommit.compareAndSet(true, false)) {
                        commitFailed.set(true);
                        throw new SQLException("commit refused (simulated store error)", "HY000", 50000);
                    }
                    if (name.equals("abort")) {
                        aborts.incrementAndGet();
                    }
                    if ((name.equals("close") || name.equals("abort")) && (broken.get() || commitFailed.get())
                            && counted.compareAndSet(false, true)) {
                        closedAfterFailedCommit.incrementAndGet();
                    }
                    if (name.equals("rollback") && broken.get()) {
                        throw new SQLException("rollback refused (simulated store error)", "HY000", 50000);
                    }
                    return invoke(method, real, args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
