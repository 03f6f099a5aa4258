package io.karafimages.core.internal.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The life cycle of API keys and of users' access: expiry, revocation, last use, and disabled users, next to
 * {@link UserRepository} on the same database. Safe with several runtimes on one database.
 */
public interface ApiKeyRepository {
    /** Stores the hash of a new API key; {@code expiresAt} null for a key that never expires. */
    void addApiKey(String userId, String keyHash, String keyPrefix, Instant expiresAt);

    /**
     * The key with that hash and the state of its user, whatever that state: revoked, expired and disabled keys are
     * returned too, so the caller decides (and can cache the decision with the key's expiry).
     */
    Optional<ApiKeyRecord> findApiKey(String keyHash);

    /** The user's keys, newest first. */
    List<ApiKeyRecord> apiKeysOf(String userId);

    /** The keys whose prefix is {@code keyPrefix}, revoked or not. */
    List<ApiKeyRecord> apiKeysWithPrefix(String keyPrefix);

    /** Marks a key revoked at {@code at}; false when there is no such key or it was revoked already. */
    boolean revokeApiKey(String keyHash, Instant at);

    /** Records that these keys were used at {@code at}; never moves a last-use time backwards. */
    void touchApiKeys(Collection<String> keyHashes, Instant at);

    /**
     * Disables ({@code at} not null) or enables ({@code at} null) a user, and with disabling ends the user's web
     * sessions in the same transaction; false when there is no such user.
     */
    boolean setUserDisabled(String userId, Instant at);

    /** When the user was disabled; empty for an enabled (or unknown) user. */
    Optional<Instant> userDisabledAt(String userId);
}
