package io.karafimages.core.internal.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Hashtable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.Cost;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.TaskStatus;
import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.store.ApiKeyRepository;
import io.karafimages.core.internal.store.EmbedFileRow;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.FileRoute;
import io.karafimages.core.internal.store.ReportRepository;
import io.karafimages.core.internal.store.SessionRepository;
import io.karafimages.spi.events.EventRecord;
import io.karafimages.spi.events.EventFeed;
import io.karafimages.core.internal.store.Keyset;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;
import io.karafimages.core.internal.store.EmbedRepository;
import io.karafimages.core.internal.store.UsageLedger;
import io.karafimages.core.internal.store.UsageRecord;
import io.karafimages.core.internal.store.UserRecord;
import io.karafimages.core.internal.store.UserRepository;

/**
 * Tasks, embeds, users and API-key hashes in a JDBC database: the {@code javax.sql.DataSource} service
 * {@code (osgi.jndi.service.name=images)} that pax-jdbc-config publishes from
 * {@code etc/org.ops4j.datasource-images.cfg} (an embedded H2 file under {@code data/} by default, PostgreSQL in
 * production). Every task change is a compare-and-set on its version (progress a write conditional on the claim that
 * bumps it), so several runtimes may share one database.
 * The dialect (PostgreSQL's advisory lock and LISTEN/NOTIFY) is read from the connection's metadata.
 */
@Component(service = { TaskRepository.class, EmbedRepository.class, UsageLedger.class, UserRepository.class,
        EventFeed.class }, configurationPid = "images.store.jdbc",
        property = "service.ranking:Integer=-100")
@Designate(ocd = JdbcStore.Config.class)
public final class JdbcStore
        implements TaskRepository, EmbedRepository, UsageLedger, UserRepository, EventFeed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    @ObjectClassDefinition(name = "Karaf Images: JDBC store",
            description = "Where tasks, embeds (ciphertext), users and API-key hashes are kept.")
    public @interface Config {
        @AttributeDefinition(name = "Data source", required = false, description = "LDAP filter of the "
                + "javax.sql.DataSource service the store uses (pax-jdbc-config publishes "
                + "etc/org.ops4j.datasource-<name>.cfg with osgi.jndi.service.name=<name>).")
        String dataSource_target() default DATA_SOURCE_TARGET;

        @AttributeDefinition(name = "JDBC URL (deprecated)", description = "Empty (the default): the store uses "
                + "the data source service. Set: the store builds a connection pool of its own on this URL "
                + "(jdbc:h2:... or jdbc:postgresql://...) as before pax-jdbc, and logs a deprecation warning; move "
                + "url, user and password to etc/org.ops4j.datasource-images.cfg instead.", required = false)
        String url() default "";

        @AttributeDefinition(name = "User (deprecated, with url)", required = false)
        String user() default "images";

        @AttributeDefinition(name = "Password (deprecated, with url)", type = AttributeType.PASSWORD,
                required = false, description = "Key '.password' (the dot keeps it out of the published service "
                + "properties). Use $[secret:...] or $[env:...] placeholders instead of a literal.")
        String _password() default "";

        @AttributeDefinition(name = "Max connections (deprecated, with url)", description = "Size of the store's "
                + "own connection pool (with url only; the data source's is hikari.maximumPoolSize).")
        int max_connections() default 16;

        @AttributeDefinition(name = "Start wait (seconds)", description = "How long activation keeps trying to "
                + "reach the database (and run the migrations) before it gives up, e.g. while PostgreSQL restarts "
                + "or is too busy to answer within the pool's 5 s connection timeout.", min = "0")
        int start_wait_seconds() default 120;
    }

    /** The data source the store uses unless {@code dataSource.target} says otherwise. */
    static final String DATA_SOURCE_TARGET = "(osgi.jndi.service.name=images)";

    private static final String TASK_COLUMNS = "id, owner_id, skill, embed_id, status, progress, input, attempts, "
            + "not_before, lease_owner, lease_until, cancel_requested, error_code, error_message, error_retryable, "
            + "result_json, idempotency_key, request_hash, estimated_finish_at, created_at, updated_at, started_at, "
            + "finished_at, duration_ms, estimated_credits, version";
    private static final String EMBED_COLUMNS = "id, owner_id, type, status, key_backend, wrapped_key, "
            + "blob_backend, content, created_at, updated_at";

    private final Pool pool;
    private final Sql sql;
    private final BudgetedCreate budgeted;
    private final JdbcSessionStore sessions;
    private ServiceRegistration<SessionRepository> sessionsRegistration;
    private final JdbcReportStore reports;
    private ServiceRegistration<ReportRepository> reportsRegistration;
    private final JdbcApiKeyStore apiKeys;
    private ServiceRegistration<ApiKeyRepository> apiKeysRegistration;
    private final boolean postgres;
    private final Doorbell doorbell;

    /**
     * Also publishes the {@link SessionRepository}, the {@link ReportRepository} and the {@link ApiKeyRepository} on the
     * same pool (each a service of its own rather than more methods here, so that it can be replaced or mocked on its
     * own).
     *
     * @param dataSource the pax-jdbc data source ({@code dataSource.target}); unused while the deprecated
     *        {@code url} is set
     */
    @Activate
    public JdbcStore(Config config, BundleContext context,
            @Reference(name = "dataSource", target = DATA_SOURCE_TARGET) DataSource dataSource) throws SQLException {
        this(connections(config.url(), config.user(), config._password(), config.max_connections(), dataSource),
                Duration.ofSeconds(Math.max(0, config.start_wait_seconds())));
        sessionsRegistration = context.registerService(SessionRepository.class, sessions,
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, -100)));
        reportsRegistration = context.registerService(ReportRepository.class, reports,
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, -100)));
        apiKeysRegistration = context.registerService(ApiKeyRepository.class, apiKeys,
                new Hashtable<>(Map.of(Constants.SERVICE_RANKING, -100)));
        if (config.url().isBlank()) {
            LOG.info("The store runs on the data source service {} ({})", config.dataSource_target(),
                    postgres ? "PostgreSQL" : "H2");
        }
    }

    /**
     * The connections the store runs on: the data source service, or, while {@code images.store.jdbc} still has the
     * deprecated {@code url}, a pool of the store's own on that URL (as before pax-jdbc, so that an existing
     * configuration keeps working after an upgrade).
     */
    static Pool connections(String url, String user, String password, int maxConnections, DataSource service) {
        if (url == null || url.isBlank()) {
            return Pool.borrowed(service);
        }
        LOG.warn("images.store.jdbc 'url' is deprecated: the store builds its own connection pool on it and ignores "
                + "the data source service. Move url, user and password to etc/org.ops4j.datasource-images.cfg "
                + "(see the README, 'Upgrading') and remove url, user, .password and max.connections from "
                + "etc/images.store.jdbc.cfg.");
        return Pool.open(url, user, password, maxConnections);
    }

    /** A store on a data source owned by the caller (the way the runtime uses pax-jdbc's), for tests and tools. */
    public static JdbcStore forDataSource(DataSource dataSource) throws SQLException {
        return new JdbcStore(Pool.borrowed(dataSource), Duration.ZERO);
    }

    /** A store on an H2 URL with a small pool, for tests and tools outside OSGi. */
    public static JdbcStore forUrl(String h2Url) throws SQLException {
        return new JdbcStore(Pool.open(h2Url, "images", "", 8), Duration.ZERO);
    }

    /** A store on any supported URL, for tests and tools outside OSGi. */
    public static JdbcStore forUrl(String url, String user, String password) throws SQLException {
        return new JdbcStore(Pool.open(url, user, password, 8), Duration.ZERO);
    }

    /** @param startWait how long to keep trying when the database cannot be reached at first */
    JdbcStore(Pool pool, Duration startWait) throws SQLException {
        this.pool = pool;
        DataSource ds = pool.dataSource();
        try {
            this.postgres = migrate(ds, startWait);
        } catch (SQLException | RuntimeException e) {
            pool.close(); // a pool of the store's own (deprecated url) is not left open by a failed start
            throw e;
        }
        this.sql = new Sql(ds);
        this.budgeted = new BudgetedCreate(sql);
        this.sessions = new JdbcSessionStore(sql);
        this.reports = new JdbcReportStore(sql);
        this.apiKeys = new JdbcApiKeyStore(sql);
        this.doorbell = new Doorbell(postgres ? (pool.direct() != null ? pool.direct() : ds) : null);
    }

    /**
     * Runs the migrations, trying again with a growing pause (up to 5 s) while the database cannot be reached, until
     * {@code wait} has passed: a node started while its database restarts or is overloaded comes up once it answers,
     * instead of staying without a store until someone restarts it (DS does not activate a failed component again).
     *
     * @return whether the database is PostgreSQL
     */
    static boolean migrate(DataSource ds, Duration wait) throws SQLException {
        long end = System.nanoTime() + wait.toNanos();
        long pause = 250;
        while (true) {
            try (Connection c = ds.getConnection()) {
                Migrations.apply(c);
                return Outbox.isPostgres(c);
            } catch (SQLException e) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > end) {
                    throw e;
                }
                LOG.warn("The database is not reachable yet ({}); trying again in {} ms", e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(5_000, pause * 2);
            }
        }
    }

    /** The pooled connections (tests in this package reach the schema through it). */
    DataSource dataSource() {
        return pool.dataSource();
    }

    /** Password hashes, web sessions and login failures on this store's database. */
    public SessionRepository sessions() {
        return sessions;
    }

    /** Reports about embeds on this store's database. */
    public ReportRepository reports() {
        return reports;
    }

    /** API keys' life cycle and disabled users on this store's database. */
    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    @Override
    @Deactivate
    public void close() {
        if (reportsRegistration != null) {
            reportsRegistration.unregister();
            reportsRegistration = null;
        }
        if (apiKeysRegistration != null) {
            apiKeysRegistration.unregister();
            apiKeysRegistration = null;
        }
        if (sessionsRegistration != null) {
            sessionsRegistration.unregister();
            sessionsRegistration = null;
        }
        doorbell.close();
        pool.close();
    }

    @Override
    public String health() {
        try {
            sql.query("SELECT 1", rs -> rs.getInt(1));
            return "up";
        } catch (RuntimeException e) {
            return "down: " + e.getMessage();
        }
    }

    // ---- tasks and embeds

    @Override
    public boolean create(TaskRecord task, EmbedRecord embed) {
        try {
            boolean created = sql.inTransaction(c -> {
                insert(c, task, embed);
                return true;
            });
            doorbell.ring();
            return created;
        } catch (io.karafimages.api.ImagesException e) {
            if (e.getCause() instanceof SQLException se && Sql.isUniqueViolation(se)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Created createWithinBudget(TaskRecord task, EmbedRecord embed, long budgetCredits, Instant periodStart) {
        Created created = budgeted.create(task, budgetCredits, periodStart, c -> insert(c, task, embed));
        if (created == Created.CREATED) {
            doorbell.ring();
        }
        return created;
    }

    private void insert(Connection c, TaskRecord task, EmbedRecord embed) throws SQLException {
        Sql.update(c, "INSERT INTO images_embed (" + EMBED_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)",
                embed.id(), embed.ownerId(), embed.type(), embed.status().name(), embed.keyBackend(),
                embed.wrappedKey(), embed.blobBackend(), embed.content(), embed.createdAt(), embed.updatedAt());
        Sql.update(c, "INSERT INTO images_task (" + TASK_COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", taskValues(task));
        Outbox.created(c, postgres, task);
    }

    /** The database's clock (truncated to the millisecond the columns keep), so that all nodes judge leases alike. */
    @Override
    public Instant now() {
        return sql.queryOne("SELECT CURRENT_TIMESTAMP", rs -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .orElseThrow().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void createEmbed(EmbedRecord embed) {
        sql.inTransaction(c -> Sql.update(c, "INSERT INTO images_embed (" + EMBED_COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?)", embed.id(), embed.ownerId(), embed.type(),
                embed.status().name(), embed.keyBackend(), embed.wrappedKey(), embed.blobBackend(), embed.content(),
                embed.createdAt(), embed.updatedAt()));
    }

    @Override
    public Optional<TaskRecord> findTask(String taskId) {
        return sql.queryOne("SELECT " + TASK_COLUMNS + " FROM images_task WHERE id = ?", JdbcStore::task, taskId);
    }

    @Override
    public Optional<TaskRecord> findByIdempotencyKey(String ownerId, String key, Instant since) {
        return sql.queryOne("SELECT " + TASK_COLUMNS + " FROM images_task WHERE owner_id = ? AND idempotency_key = ? "
                + "AND created_at >= ?", JdbcStore::task, ownerId, key, since);
    }

    @Override
    public void expireIdempotencyKey(String ownerId, String key, Instant before) {
        sql.update("UPDATE images_task SET idempotency_key = NULL WHERE owner_id = ? AND idempotency_key = ? "
                + "AND created_at < ?", ownerId, key, before);
    }

    @Override
    public void expireIdempotencyKeys(Instant before) {
        sql.update("UPDATE images_task SET idempotency_key = NULL WHERE idempotency_key IS NOT NULL AND created_at < ?",
                before);
    }

    @Override
    public Optional<EmbedRecord> findEmbed(String embedId) {
        return sql.queryOne("SELECT " + EMBED_COLUMNS + " FROM images_embed WHERE id = ?", JdbcStore::embed, embedId);
    }

    @Override
    public boolean update(TaskRecord t, long expectedVersion, EmbedRecord embed) {
        return update(t, expectedVersion, embed, null);
    }

    @Override
    public boolean recordProgress(TaskRecord claim, double progress, Instant estimatedFinishAt, Instant now) {
        boolean saved = sql.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE images_task SET progress = ?, estimated_finish_at = ?, updated_at = ?, "
                    + "version = version + 1 WHERE id = ? AND status = ? AND lease_owner = ? AND attempts = ? "
                    + "AND progress <> ?", progress, estimatedFinishAt, now, claim.id(), TaskStatus.PROCESSING.name(),
                    claim.leaseOwner(), claim.attempts(), progress);
            if (n != 1) {
                return false;
            }
            Outbox.insert(c, postgres, claim.toBuilder().status(TaskStatus.PROCESSING).progress(progress)
                    .estimatedFinishAt(estimatedFinishAt).updatedAt(now).build());
            return true;
        });
        if (saved) {
            doorbell.ring();
        }
        return saved;
    }

    @Override
    public boolean update(TaskRecord t, long expectedVersion, EmbedRecord embed, UsageRecord usage) {
        boolean[] event = new boolean[1];
        boolean saved = sql.inTransaction(c -> {
            java.util.Optional<double[]> before = Outbox.previous(c, t.id(), expectedVersion);
            Long duration = t.finishedAt() != null && t.startedAt() != null
                    ? Duration.between(t.startedAt(), t.finishedAt()).toMillis() : null;
            int n = Sql.update(c, "UPDATE images_task SET status = ?, progress = ?, attempts = ?, not_before = ?, "
                    + "lease_owner = ?, lease_until = ?, cancel_requested = ?, error_code = ?, error_message = ?, "
                    + "error_retryable = ?, result_json = ?, estimated_finish_at = ?, updated_at = ?, started_at = ?, "
                    + "finished_at = ?, duration_ms = ?, version = ? WHERE id = ? AND version = ?",
                    t.status().name(), t.progress(), t.attempts(), t.notBefore(), t.leaseOwner(), t.leaseUntil(),
                    t.cancelRequested(), t.errorCode(), t.errorMessage(), t.errorRetryable(), t.resultJson(),
                    t.estimatedFinishAt(), t.updatedAt(), t.startedAt(), t.finishedAt(), duration,
                    expectedVersion + 1, t.id(), expectedVersion);
            if (n != 1) {
                c.rollback();
                return false;
            }
            if (embed != null) {
                Sql.update(c, "UPDATE images_embed SET status = ?, blob_backend = ?, content = ?, updated_at = ? "
                        + "WHERE id = ?", embed.status().name(), embed.blobBackend(), embed.content(),
                        embed.updatedAt(), embed.id());
            }
            if (usage != null && Sql.query(c, "SELECT 1 FROM images_usage WHERE task_id = ?", rs -> 1,
                    usage.taskId()).isEmpty()) {
                Sql.update(c, "INSERT INTO images_usage (task_id, owner_id, skill, model, usd, credits, created_at) "
                        + "VALUES (?,?,?,?,?,?,?)", usage.taskId(), usage.ownerId(), usage.skill(), usage.model(),
                        usage.cost().usd(), usage.cost().credits(), usage.createdAt());
            }
            if (Outbox.changed(before, t)) {
                Outbox.insert(c, postgres, t);
                event[0] = true;
            }
            return true;
        });
        if (saved && event[0]) {
            doorbell.ring();
        }
        return saved;
    }

    // ---- live events (the outbox)

    @Override
    public List<EventRecord> eventsAfter(long afterId, int limit) {
        return sql.query("SELECT " + Outbox.COLUMNS + " FROM images_event WHERE id > ? ORDER BY id LIMIT "
                + Math.max(1, limit), Outbox::map, afterId);
    }

    @Override
    public List<EventRecord> eventsFor(String ownerId, long afterId, int limit) {
        return sql.query("SELECT " + Outbox.COLUMNS + " FROM images_event WHERE owner_id = ? AND id > ? ORDER BY id "
                + "LIMIT " + Math.max(1, limit), Outbox::map, ownerId, afterId);
    }

    @Override
    public List<EventRecord> unacknowledged(String ownerId, int limit) {
        return sql.query("SELECT " + Outbox.COLUMNS + " FROM images_event WHERE owner_id = ? AND finished = TRUE "
                + "AND acked = FALSE ORDER BY id LIMIT " + Math.max(1, limit), Outbox::map, ownerId);
    }

    @Override
    public int acknowledge(String ownerId, String embedId) {
        return sql.update("UPDATE images_event SET acked = TRUE WHERE owner_id = ? AND embed_id = ? "
                + "AND finished = TRUE AND acked = FALSE", ownerId, embedId);
    }

    @Override
    public long lastEventId() {
        return sql.queryOne("SELECT COALESCE(MAX(id), 0) FROM images_event", rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public int deleteEvents(Instant settledBefore, Instant anyBefore) {
        return sql.update("DELETE FROM images_event WHERE created_at < ? OR (created_at < ? AND (acked = TRUE "
                + "OR finished = FALSE))", anyBefore, settledBefore);
    }

    @Override
    public AutoCloseable onNewEvents(Runnable bell) {
        return doorbell.add(bell);
    }

    @Override
    public List<UsageRecord> usage(String ownerId, Instant since, int limit) {
        return sql.query("SELECT task_id, owner_id, skill, model, usd, credits, created_at FROM images_usage "
                + "WHERE owner_id = ? AND created_at >= ? ORDER BY created_at DESC LIMIT " + Math.max(1, limit),
                rs -> new UsageRecord(rs.getString("task_id"), rs.getString("owner_id"), rs.getString("skill"),
                        rs.getString("model"), new Cost(rs.getDouble("usd"), rs.getLong("credits")),
                        Sql.instant(rs, "created_at")), ownerId, since);
    }

    @Override
    public long creditsSince(String ownerId, Instant since) {
        return sql.queryOne("SELECT COALESCE(SUM(credits), 0) FROM images_usage WHERE owner_id = ? AND created_at >= ?",
                rs -> rs.getLong(1), ownerId, since).orElse(0L);
    }

    @Override
    public long pendingCredits(String ownerId) {
        return sql.queryOne("SELECT COALESCE(SUM(estimated_credits), 0) FROM images_task WHERE owner_id = ? "
                + "AND status IN ('QUEUED', 'PROCESSING')", rs -> rs.getLong(1), ownerId).orElse(0L);
    }

    @Override
    public boolean deleteEmbed(String embedId) {
        return sql.inTransaction(c -> {
            List<String> owner = Sql.query(c, "SELECT owner_id FROM images_embed WHERE id = ?", rs -> rs.getString(1),
                    embedId);
            if (owner.isEmpty()) {
                return false;
            }
            Sql.update(c, "DELETE FROM images_event WHERE embed_id = ?", embedId);
            Sql.update(c, "DELETE FROM images_task WHERE embed_id = ?", embedId);
            Sql.update(c, "DELETE FROM images_embed_file WHERE embed_id = ?", embedId);
            Sql.update(c, "DELETE FROM images_embed WHERE id = ?", embedId);
            Sql.update(c, "INSERT INTO images_embed_deleted (id, owner_id, deleted_at) VALUES (?,?,?)", embedId,
                    owner.get(0), Instant.now());
            return true;
        });
    }

    @Override
    public boolean isDeletedEmbed(String ownerId, String embedId) {
        return sql.queryOne("SELECT 1 FROM images_embed_deleted WHERE id = ? AND owner_id = ?", rs -> 1, embedId,
                ownerId).isPresent();
    }

    @Override
    public List<EmbedRecord> listEmbeds(String ownerId, Keyset after, int limit) {
        return after == null
                ? sql.query("SELECT " + EMBED_COLUMNS + " FROM images_embed WHERE owner_id = ? "
                        + "ORDER BY created_at DESC, id DESC LIMIT " + pageSize(limit), JdbcStore::embed, ownerId)
                : sql.query("SELECT " + EMBED_COLUMNS + " FROM images_embed WHERE owner_id = ? "
                        + "AND (created_at < ? OR (created_at = ? AND id < ?)) "
                        + "ORDER BY created_at DESC, id DESC LIMIT " + pageSize(limit), JdbcStore::embed, ownerId,
                        after.createdAt(), after.createdAt(), after.id());
    }

    @Override
    public List<TaskRecord> listTasks(String ownerId, TaskStatus status, Keyset after, int limit) {
        StringBuilder q = new StringBuilder("SELECT " + TASK_COLUMNS + " FROM images_task WHERE owner_id = ?");
        List<Object> params = new ArrayList<>(List.of(ownerId));
        if (status != null) {
            q.append(" AND status = ?");
            params.add(status.name());
        }
        if (after != null) {
            q.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            params.addAll(List.of(after.createdAt(), after.createdAt(), after.id()));
        }
        q.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(pageSize(limit));
        return sql.query(q.toString(), JdbcStore::task, params.toArray());
    }

    /** Page sizes are the caller's business; this bound only keeps a broken caller from reading a whole table. */
    private static int pageSize(int limit) {
        return Math.max(1, Math.min(limit, 1000));
    }

    @Override
    public Optional<TaskRecord> findTaskByEmbed(String embedId) {
        return sql.queryOne("SELECT " + TASK_COLUMNS + " FROM images_task WHERE embed_id = ? ORDER BY created_at",
                JdbcStore::task, embedId);
    }

    @Override
    public boolean isKeyShared(String ownerId, String wrappedKey, String embedId) {
        return sql.queryOne("SELECT 1 FROM images_embed WHERE owner_id = ? AND wrapped_key = ? AND id <> ?", rs -> 1,
                ownerId, wrappedKey, embedId).isPresent();
    }

    @Override
    public List<EmbedRecord> findFinishedEmbeds(String ownerId, String type, int limit) {
        return sql.query("SELECT " + EMBED_COLUMNS + " FROM images_embed WHERE owner_id = ? AND type = ? AND status = ? "
                + "ORDER BY created_at DESC, id DESC LIMIT " + Math.max(1, limit), JdbcStore::embed, ownerId, type,
                EmbedStatus.FINISHED.name());
    }

    @Override
    public List<EmbedRecord> findEmbedsByBlobBackend(String blobBackend, String afterId, int limit) {
        return sql.query("SELECT " + EMBED_COLUMNS + " FROM images_embed WHERE blob_backend = ? AND id > ? ORDER BY id "
                + "LIMIT " + Math.max(1, limit), JdbcStore::embed, blobBackend, afterId == null ? "" : afterId);
    }

    @Override
    public boolean moveEmbedFiles(String embedId, String from, String to) {
        return sql.update("UPDATE images_embed SET blob_backend = ? WHERE id = ? AND blob_backend = ?", to, embedId,
                from) == 1;
    }

    // ---- routing rows of embed files (V8)

    private static final String FILE_COLUMNS = "f.format, f.object_key, f.size_bytes, f.width, f.height, "
            + "f.file_format, f.media_type, f.etag";

    @Override
    public Optional<FileRoute> findFileRoute(String embedId, RenditionFormat format) {
        return sql.queryOne("SELECT e.id, e.owner_id, e.type, e.status, e.key_backend, e.wrapped_key, e.blob_backend, "
                + FILE_COLUMNS + " FROM images_embed e LEFT JOIN images_embed_file f ON f.embed_id = e.id "
                + "AND f.format = ? WHERE e.id = ?", rs -> new FileRoute(rs.getString("id"), rs.getString("owner_id"),
                        rs.getString("type"), EmbedStatus.valueOf(rs.getString("status")),
                        rs.getString("key_backend"), rs.getString("wrapped_key"), rs.getString("blob_backend"),
                        rs.getString("object_key") == null ? null : fileRow(embedId, rs)),
                format.wireName(), embedId);
    }

    @Override
    public void putEmbedFiles(String embedId, List<EmbedFileRow> files) {
        sql.inTransaction(c -> {
            Sql.update(c, "DELETE FROM images_embed_file WHERE embed_id = ?", embedId);
            for (EmbedFileRow f : files) {
                if (!f.embedId().equals(embedId)) {
                    throw new IllegalArgumentException("a routing row of " + f.embedId() + " given for " + embedId);
                }
                Sql.update(c, "INSERT INTO images_embed_file (embed_id, format, object_key, size_bytes, width, height, "
                        + "file_format, media_type, etag) VALUES (?,?,?,?,?,?,?,?,?)", embedId, f.format().wireName(),
                        f.objectKey(), f.info().sizeBytes(), f.info().width(), f.info().height(), f.info().format(),
                        f.info().mime(), f.etag());
            }
            return null;
        });
    }

    @Override
    public List<EmbedFileRow> findEmbedFiles(String embedId) {
        return sql.query("SELECT " + FILE_COLUMNS + " FROM images_embed_file f WHERE f.embed_id = ? ORDER BY f.format",
                rs -> fileRow(embedId, rs), embedId);
    }

    private static EmbedFileRow fileRow(String embedId, ResultSet rs) throws SQLException {
        RenditionFormat format = RenditionFormat.parse(rs.getString("format"))
                .orElseThrow(() -> new SQLException("unknown rendition format in images_embed_file"));
        return new EmbedFileRow(embedId, format, rs.getString("object_key"), new FileInfo(rs.getInt("width"),
                rs.getInt("height"), rs.getLong("size_bytes"), rs.getString("file_format"),
                rs.getString("media_type")), rs.getString("etag"));
    }

    @Override
    public List<TaskRecord> findClaimable(Instant now, int limit) {
        return sql.query("SELECT " + TASK_COLUMNS + " FROM images_task WHERE (status = 'QUEUED' AND not_before <= ?) "
                + "OR (status = 'PROCESSING' AND lease_until < ?) ORDER BY created_at LIMIT " + Math.max(1, limit),
                JdbcStore::task, now, now);
    }

    @Override
    public List<TaskRecord> findLeasedBy(String nodeId) {
        return sql.query("SELECT " + TASK_COLUMNS + " FROM images_task WHERE status = 'PROCESSING' AND lease_owner = ?",
                JdbcStore::task, nodeId);
    }

    @Override
    public List<TaskRecord> recent(int limit) {
        return sql.query("SELECT " + TASK_COLUMNS + " FROM images_task ORDER BY created_at DESC LIMIT "
                + Math.max(1, limit), JdbcStore::task);
    }

    @Override
    public List<Duration> recentDurations(String skill, int limit) {
        return sql.query("SELECT duration_ms FROM images_task WHERE skill = ? AND status = 'COMPLETED' "
                + "AND duration_ms IS NOT NULL ORDER BY finished_at DESC LIMIT " + Math.max(1, limit),
                rs -> Duration.ofMillis(rs.getLong(1)), skill);
    }

    @Override
    public int countQueuedBefore(Instant createdAt) {
        return sql.queryOne("SELECT COUNT(*) FROM images_task WHERE status = 'QUEUED' AND created_at < ?",
                rs -> rs.getInt(1), createdAt).orElse(0);
    }

    // ---- users

    @Override
    public boolean createUser(UserRecord user) {
        try {
            return sql.inTransaction(c -> Sql.update(c, "INSERT INTO images_user (id, name, created_at) VALUES (?,?,?)",
                    user.id(), user.name(), user.createdAt()) == 1);
        } catch (io.karafimages.api.ImagesException e) {
            if (e.getCause() instanceof SQLException se && Sql.isUniqueViolation(se)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<UserRecord> findUserById(String id) {
        return sql.queryOne("SELECT id, name, created_at FROM images_user WHERE id = ?", JdbcStore::user, id);
    }

    @Override
    public Optional<UserRecord> findUserByName(String name) {
        return sql.queryOne("SELECT id, name, created_at FROM images_user WHERE name = ?", JdbcStore::user, name);
    }

    @Override
    public List<UserRecord> users() {
        return sql.query("SELECT id, name, created_at FROM images_user ORDER BY name", JdbcStore::user);
    }

    @Override
    public void addApiKey(String userId, String keyHash, String keyPrefix) {
        sql.update("INSERT INTO images_api_key (key_hash, user_id, key_prefix, created_at) VALUES (?,?,?,?)", keyHash,
                userId, keyPrefix, Instant.now());
    }

    /** Only a key that works now: not revoked, not expired, its user not disabled. */
    @Override
    public Optional<UserRecord> findUserByApiKeyHash(String keyHash) {
        return apiKeys.findApiKey(keyHash).filter(k -> k.validAt(Instant.now())).map(k -> k.user());
    }

    // ---- mapping

    private static Object[] taskValues(TaskRecord t) {
        return new Object[] { t.id(), t.ownerId(), t.skill(), t.embedId(), t.status().name(), t.progress(), t.input(),
            t.attempts(), t.notBefore(), t.leaseOwner(), t.leaseUntil(), t.cancelRequested(), t.errorCode(),
            t.errorMessage(), t.errorRetryable(), t.resultJson(), t.idempotencyKey(), t.requestHash(),
            t.estimatedFinishAt(), t.createdAt(), t.updatedAt(), t.startedAt(), t.finishedAt(), null,
            t.estimatedCredits(), t.version() };
    }

    private static TaskRecord task(ResultSet rs) throws SQLException {
        return TaskRecord.builder().id(rs.getString("id")).ownerId(rs.getString("owner_id"))
                .skill(rs.getString("skill")).embedId(rs.getString("embed_id"))
                .status(TaskStatus.valueOf(rs.getString("status"))).progress(rs.getDouble("progress"))
                .input(rs.getBytes("input")).attempts(rs.getInt("attempts"))
                .notBefore(Sql.instant(rs, "not_before")).leaseOwner(rs.getString("lease_owner"))
                .leaseUntil(Sql.instant(rs, "lease_until")).cancelRequested(rs.getBoolean("cancel_requested"))
                .error(rs.getString("error_code"), rs.getString("error_message"), rs.getBoolean("error_retryable"))
                .resultJson(rs.getString("result_json"))
                .idempotency(rs.getString("idempotency_key"), rs.getString("request_hash"))
                .estimatedFinishAt(Sql.instant(rs, "estimated_finish_at")).createdAt(Sql.instant(rs, "created_at"))
                .updatedAt(Sql.instant(rs, "updated_at")).startedAt(Sql.instant(rs, "started_at"))
                .finishedAt(Sql.instant(rs, "finished_at")).estimatedCredits(rs.getLong("estimated_credits"))
                .version(rs.getLong("version")).build();
    }

    private static EmbedRecord embed(ResultSet rs) throws SQLException {
        return new EmbedRecord(rs.getString("id"), rs.getString("owner_id"), rs.getString("type"),
                EmbedStatus.valueOf(rs.getString("status")), rs.getString("key_backend"), rs.getString("wrapped_key"), rs.getString("blob_backend"),
                rs.getBytes("content"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private static UserRecord user(ResultSet rs) throws SQLException {
        return new UserRecord(rs.getString("id"), rs.getString("name"), Sql.instant(rs, "created_at"));
    }
}
