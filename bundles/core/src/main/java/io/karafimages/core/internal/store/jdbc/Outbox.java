package io.karafimages.core.internal.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import io.karafimages.api.TaskStatus;
import io.karafimages.spi.events.EventRecord;
import io.karafimages.core.internal.store.TaskRecord;

/**
 * Writes and reads the event outbox ({@code images_event}). Writes happen on the caller's connection, inside the
 * transaction of the task change; on PostgreSQL the same transaction sends {@code NOTIFY images_events} with the
 * event id, which PostgreSQL delivers to listeners only if and when the transaction commits.
 */
final class Outbox {
    static final String CHANNEL = "images_events";
    static final String COLUMNS = "id, owner_id, task_id, embed_id, status, progress, estimated_finish_at, finished, "
            + "acked, created_at";

    private Outbox() {
    }

    /** The event of a newly created task. */
    static long created(Connection c, boolean postgres, TaskRecord t) throws SQLException {
        return insert(c, postgres, t);
    }

    /**
     * The event of a changed task, if its status or progress changed since the row was read at
     * {@code expectedVersion}. Call before the compare-and-set update, in its transaction.
     */
    static Optional<double[]> previous(Connection c, String taskId, long expectedVersion) throws SQLException {
        return Sql.query(c, "SELECT status, progress FROM images_task WHERE id = ? AND version = ?",
                rs -> new double[] { TaskStatus.valueOf(rs.getString(1)).ordinal(), rs.getDouble(2) }, taskId,
                expectedVersion).stream().findFirst();
    }

    static boolean changed(Optional<double[]> before, TaskRecord after) {
        return before.isEmpty() || before.get()[0] != after.status().ordinal()
                || Math.abs(before.get()[1] - after.progress()) > 1e-9;
    }

    static long insert(Connection c, boolean postgres, TaskRecord t) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO images_event (owner_id, task_id, embed_id, status, "
                + "progress, estimated_finish_at, finished, acked, created_at) VALUES (?,?,?,?,?,?,?,?,?)",
                new String[] { "id" })) {
            ps.setString(1, t.ownerId());
            ps.setString(2, t.id());
            ps.setString(3, t.embedId());
            ps.setString(4, t.status().name());
            ps.setDouble(5, t.progress());
            if (t.estimatedFinishAt() == null) {
                ps.setNull(6, java.sql.Types.BIGINT);
            } else {
                ps.setLong(6, t.estimatedFinishAt().toEpochMilli());
            }
            ps.setBoolean(7, EventRecord.isFinal(t.status()));
            ps.setBoolean(8, false);
            ps.setLong(9, (t.updatedAt() != null ? t.updatedAt() : java.time.Instant.now()).toEpochMilli());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        if (postgres) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, Long.toString(id));
                ps.execute();
            }
        }
        return id;
    }

    static EventRecord map(ResultSet rs) throws SQLException {
        return new EventRecord(rs.getLong("id"), rs.getString("owner_id"), rs.getString("task_id"),
                rs.getString("embed_id"), TaskStatus.valueOf(rs.getString("status")), rs.getDouble("progress"),
                Sql.instant(rs, "estimated_finish_at"), rs.getBoolean("finished"), rs.getBoolean("acked"),
                Sql.instant(rs, "created_at"));
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }

    static void listen(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANNEL);
        }
    }

    static void unlisten(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("UNLISTEN " + CHANNEL);
        }
    }
}
