package io.karafimages.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Users and their API keys. Keys are only ever stored hashed. */
@ProviderType
public interface UserService {
    /** The user an API key belongs to; empty for unknown or malformed keys. */
    Optional<User> authenticate(String apiKey);

    /** @throws ImagesException 409 {@code user_exists} */
    User createUser(String name);

    Optional<User> findByName(String name);

    List<User> users();

    /** Creates a new API key for the user and returns it; this is the only time it is visible. */
    String createApiKey(String userName);

    /**
     * Creates a new API key that stops working at {@code expiresAt} (null: never) and returns it.
     *
     * @throws ImagesException 404 for an unknown user, 400 {@code invalid_expiry} for an expiry not in the future
     */
    String createApiKey(String userName, Instant expiresAt);

    /** @throws ImagesException 404 for an unknown user */
    List<ApiKeyInfo> apiKeys(String userName);

    /**
     * Revokes the one key starting with {@code prefix}. This node stops accepting it at once; other nodes within the
     * API key cache's time to live.
     *
     * @return the revoked key
     * @throws ImagesException 404 when no key has that prefix, 409 {@code ambiguous_key_prefix} when several keys
     *         have it, 409 {@code key_revoked} when it was revoked already
     */
    ApiKeyInfo revokeApiKey(String prefix);

    /**
     * Disables or enables a user. A disabled user's keys and web sessions stop working (on this node at once, on
     * other nodes within the API key cache's time to live) and the user's logins are refused as wrong credentials.
     *
     * @throws ImagesException 404 for an unknown user
     */
    void setDisabled(String userName, boolean disabled);

    /** Whether the user is disabled; false for an unknown user. */
    boolean isDisabled(String userName);
}
