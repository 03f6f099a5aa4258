package io.karafimages.core.internal.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations applied at start: {@code V<n>__*.sql} scripts in order, each in its own
 * transaction, recorded in {@code images_schema_version}. Scripts are never edited once released; a change is a
 * new script.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__usage.sql", "V3__embed_type.sql",
            "V4__owner_lock.sql", "V5__sessions.sql", "V6__lists_and_deletion.sql", "V7__events.sql",
            "V8__embed_files.sql", "V9__api_key_lifecycle.sql", "V11__reports.sql",
            "V12__drop_redundant_task_index.sql");

    private Migrations() {
    }

    /** Serialises migrations of several nodes starting at once on one PostgreSQL database. */
    private static final long ADVISORY_LOCK = 0x4b617261664c4dL;

    static void apply(Connection c) throws SQLException {
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                .contains("postgres");
        if (postgres) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + ADVISORY_LOCK + ")");
            }
        }
        try {
            migrate(c);
        } finally {
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + ADVISORY_LOCK + ")");
                }
            }
        }
    }

    private static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS images_schema_version (version INT PRIMARY KEY, applied_at BIGINT NOT NULL)");
        }
        int current = currentVersion(c);
        for (int i = current; i < SCRIPTS.size(); i++) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements(read(SCRIPTS.get(i)))) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO images_schema_version (version, applied_at) VALUES (" + (i + 1) + ", "
                        + System.currentTimeMillis() + ")");
                c.commit();
                LOG.info("Applied schema migration {}", SCRIPTS.get(i));
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM images_schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    static List<String> statements(String script) {
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(sb.toString().split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Missing migration " + name, e);
        }
    }
}
