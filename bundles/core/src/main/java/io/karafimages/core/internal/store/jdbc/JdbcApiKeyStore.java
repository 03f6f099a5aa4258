package io.karafimages.core.internal.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.karafimages.core.internal.store.ApiKeyRecord;
import io.karafimages.core.internal.store.ApiKeyRepository;
import io.karafimages.core.internal.store.UserRecord;

/**
 * API keys' expiry, revocation and last use, and disabled users, on the store's database. Registered by
 * {@link JdbcStore} next to itself (same pool), like the session store.
 */
final class JdbcApiKeyStore implements ApiKeyRepository {
    private static final String SELECT = "SELECT k.key_hash, k.key_prefix, k.created_at, k.expires_at, k.revoked_at, "
            + "k.last_used_at, u.id, u.name, u.created_at AS user_created_at, u.disabled_at "
            + "FROM images_api_key k JOIN images_user u ON u.id = k.user_id ";

    private final Sql sql;

    JdbcApiKeyStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void addApiKey(String userId, String keyHash, String keyPrefix, Instant expiresAt) {
        sql.update("INSERT INTO images_api_key (key_hash, user_id, key_prefix, created_at, expires_at) "
                + "VALUES (?,?,?,?,?)", keyHash, userId, keyPrefix, Instant.now(), expiresAt);
    }

    @Override
    public Optional<ApiKeyRecord> findApiKey(String keyHash) {
        return sql.queryOne(SELECT + "WHERE k.key_hash = ?", JdbcApiKeyStore::key, keyHash);
    }

    @Override
    public List<ApiKeyRecord> apiKeysOf(String userId) {
        return sql.query(SELECT + "WHERE k.user_id = ? ORDER BY k.created_at DESC, k.key_prefix", JdbcApiKeyStore::key,
                userId);
    }

    @Override
    public List<ApiKeyRecord> apiKeysWithPrefix(String keyPrefix) {
        return sql.query(SELECT + "WHERE k.key_prefix = ? ORDER BY k.created_at DESC", JdbcApiKeyStore::key,
                keyPrefix);
    }

    @Override
    public boolean revokeApiKey(String keyHash, Instant at) {
        return sql.update("UPDATE images_api_key SET revoked_at = ? WHERE key_hash = ? AND revoked_at IS NULL", at,
                keyHash) == 1;
    }

    @Override
    public void touchApiKeys(Collection<String> keyHashes, Instant at) {
        if (keyHashes.isEmpty()) {
            return;
        }
        sql.inTransaction(c -> {
            for (String hash : keyHashes) {
                Sql.update(c, "UPDATE images_api_key SET last_used_at = ? WHERE key_hash = ? "
                        + "AND (last_used_at IS NULL OR last_used_at < ?)", at, hash, at);
            }
            return null;
        });
    }

    @Override
    public boolean setUserDisabled(String userId, Instant at) {
        return sql.inTransaction(c -> {
            boolean found = Sql.update(c, "UPDATE images_user SET disabled_at = ? WHERE id = ?", at, userId) == 1;
            if (found && at != null) {
                Sql.update(c, "DELETE FROM images_session WHERE user_id = ?", userId);
            }
            return found;
        });
    }

    @Override
    public Optional<Instant> userDisabledAt(String userId) {
        return sql.queryOne("SELECT disabled_at FROM images_user WHERE id = ?",
                rs -> Optional.ofNullable(Sql.instant(rs, "disabled_at")), userId).flatMap(d -> d);
    }

    private static ApiKeyRecord key(ResultSet rs) throws SQLException {
        UserRecord user = new UserRecord(rs.getString("id"), rs.getString("name"),
                Sql.instant(rs, "user_created_at"));
        return new ApiKeyRecord(rs.getString("key_hash"), rs.getString("key_prefix"), user,
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "revoked_at"),
                Sql.instant(rs, "last_used_at"), Sql.instant(rs, "disabled_at"));
    }
}
