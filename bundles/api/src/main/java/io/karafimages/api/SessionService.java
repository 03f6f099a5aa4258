package io.karafimages.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Web app sessions: a password login opens a server-side session record (valid on every node sharing the
 * database) identified by an unguessable id that travels in an HttpOnly cookie; each session carries the CSRF
 * token that cookie-authenticated state-changing calls must echo. Bearer API keys do not use sessions.
 */
@ProviderType
public interface SessionService {
    /**
     * Checks the password and opens a new session; every login gets a fresh id (no session fixation).
     *
     * @param remoteAddress the client's address, for the per-address failure limit
     * @throws ImagesException 401 {@code invalid_credentials} (the same answer, in the same time, for an unknown
     *         user), 429 {@code rate_limited} after repeated failures for the user or the address
     */
    WebSession login(String userName, char[] password, String remoteAddress);

    /** The live session with this id, its idle expiry renewed; empty when unknown, expired or logged out. */
    Optional<WebSession> find(String sessionId);

    /** Ends the session; idempotent. */
    void logout(String sessionId);
}
