package io.karafimages.core.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Web app logins: users' password hashes (self-describing strings, never passwords), server-side session records
 * keyed by the hash of their id, and recent login failures for rate limiting. Shared by every node on the
 * database, so a session opened on one node is valid on all and failures count across nodes.
 */
public interface SessionRepository {
    /** The database's clock, which every node judges expiry by. */
    Instant now();

    /** The user's password hash; empty when the user has none (or does not exist). */
    Optional<String> passwordHash(String userId);

    /** Sets (or replaces) the user's password hash; false when there is no such user. */
    boolean setPasswordHash(String userId, String hash);

    void createSession(SessionRecord session);

    Optional<SessionRecord> findSession(String idHash);

    /** Records a use of the session: its last-seen time and its new idle expiry. */
    void touchSession(String idHash, Instant lastSeenAt, Instant idleExpiresAt);

    /** @return false when there was no such session */
    boolean deleteSession(String idHash);

    /** Ends every session of a user (after a password change); returns how many. */
    int deleteSessionsOfUser(String userId);

    /** Removes sessions whose idle or absolute expiry is at or before {@code now}; returns how many. */
    int deleteExpiredSessions(Instant now);

    /** Remembers one failed login for a key (a user name or a client address, as the caller forms it). */
    void recordLoginFailure(String key, Instant at);

    /** The times of the key's failures at or after {@code since}, newest first, at most {@code limit}. */
    List<Instant> loginFailures(String key, Instant since, int limit);

    /** Forgets a key's failures (after a successful login). */
    void clearLoginFailures(String key);

    /** Forgets every failure older than {@code before}; returns how many. */
    int deleteLoginFailuresBefore(Instant before);
}
