package io.karafimages.core.internal.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.karafimages.core.internal.store.SessionRecord;
import io.karafimages.core.internal.store.SessionRepository;

/**
 * Password hashes, web sessions and login failures on the store's database. Registered by {@link JdbcStore} next
 * to itself (same pool), so it lives and dies with the store.
 */
final class JdbcSessionStore implements SessionRepository {
    private static final String COLUMNS = "id_hash, user_id, csrf_token, created_at, last_seen_at, idle_expires_at, "
            + "absolute_expires_at";
    private static final String JOINED_COLUMNS = COLUMNS.replaceAll("(\\w+)", "s.$1");

    private final Sql sql;

    JdbcSessionStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Instant now() {
        return sql.queryOne("SELECT CURRENT_TIMESTAMP", rs -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .orElseThrow().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public Optional<String> passwordHash(String userId) {
        return sql.queryOne("SELECT password_hash FROM images_user WHERE id = ?",
                rs -> Optional.ofNullable(rs.getString(1)), userId).flatMap(h -> h).filter(h -> !h.isEmpty());
    }

    @Override
    public boolean setPasswordHash(String userId, String hash) {
        return sql.update("UPDATE images_user SET password_hash = ? WHERE id = ?", hash, userId) == 1;
    }

    @Override
    public void createSession(SessionRecord s) {
        sql.update("INSERT INTO images_session (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?)", s.idHash(), s.userId(),
                s.csrfToken(), s.createdAt(), s.lastSeenAt(), s.idleExpiresAt(), s.absoluteExpiresAt());
    }

    @Override
    public Optional<SessionRecord> findSession(String idHash) {
        // a disabled user's sessions are gone (deleted when disabling); the join also closes the race with a login
        // that was under way while the user was being disabled
        return sql.queryOne("SELECT " + JOINED_COLUMNS + " FROM images_session s JOIN images_user u "
                + "ON u.id = s.user_id WHERE s.id_hash = ? AND u.disabled_at IS NULL", JdbcSessionStore::session, idHash);
    }

    @Override
    public void touchSession(String idHash, Instant lastSeenAt, Instant idleExpiresAt) {
        // never moves backwards when two nodes touch the same session at once
        sql.update("UPDATE images_session SET last_seen_at = ?, idle_expires_at = ? WHERE id_hash = ? "
                + "AND idle_expires_at < ?", lastSeenAt, idleExpiresAt, idHash, idleExpiresAt);
    }

    @Override
    public boolean deleteSession(String idHash) {
        return sql.update("DELETE FROM images_session WHERE id_hash = ?", idHash) > 0;
    }

    @Override
    public int deleteSessionsOfUser(String userId) {
        return sql.update("DELETE FROM images_session WHERE user_id = ?", userId);
    }

    @Override
    public int deleteExpiredSessions(Instant now) {
        return sql.update("DELETE FROM images_session WHERE idle_expires_at <= ? OR absolute_expires_at <= ?", now,
                now);
    }

    @Override
    public void recordLoginFailure(String key, Instant at) {
        sql.update("INSERT INTO images_login_failure (fail_key, failed_at) VALUES (?,?)", key, at);
    }

    @Override
    public List<Instant> loginFailures(String key, Instant since, int limit) {
        return sql.query("SELECT failed_at FROM images_login_failure WHERE fail_key = ? AND failed_at >= ? "
                + "ORDER BY failed_at DESC LIMIT " + Math.max(1, limit), rs -> Sql.instant(rs, "failed_at"), key,
                since);
    }

    @Override
    public void clearLoginFailures(String key) {
        sql.update("DELETE FROM images_login_failure WHERE fail_key = ?", key);
    }

    @Override
    public int deleteLoginFailuresBefore(Instant before) {
        return sql.update("DELETE FROM images_login_failure WHERE failed_at < ?", before);
    }

    private static SessionRecord session(ResultSet rs) throws SQLException {
        return new SessionRecord(rs.getString("id_hash"), rs.getString("user_id"), rs.getString("csrf_token"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "last_seen_at"), Sql.instant(rs, "idle_expires_at"),
                Sql.instant(rs, "absolute_expires_at"));
    }
}
