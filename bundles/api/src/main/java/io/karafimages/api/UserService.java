package io.karafimages.api;

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
}
