package io.karafimages.core.internal.store;

import java.util.List;
import java.util.Optional;

/** Users and hashed API keys. */
public interface UserRepository {
    /** @return false when the name is taken */
    boolean createUser(UserRecord user);

    Optional<UserRecord> findUserById(String id);

    Optional<UserRecord> findUserByName(String name);

    List<UserRecord> users();

    /** Stores the hash of a new API key for a user. */
    void addApiKey(String userId, String keyHash, String keyPrefix);

    /** The user an API key hash belongs to. */
    Optional<UserRecord> findUserByApiKeyHash(String keyHash);
}
