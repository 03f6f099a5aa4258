package io.karafimages.spi.store;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** Users and hashed API keys. */
@ConsumerType
public interface UserStore {
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
