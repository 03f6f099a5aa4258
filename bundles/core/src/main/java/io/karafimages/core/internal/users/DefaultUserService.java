package io.karafimages.core.internal.users;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.ImagesException;
import io.karafimages.api.User;
import io.karafimages.api.UserService;
import io.karafimages.spi.store.UserRecord;
import io.karafimages.spi.store.UserStore;

/** Users and API keys on top of the user store. */
@Component(service = UserService.class)
public final class DefaultUserService implements UserService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final UserStore store;

    @Activate
    public DefaultUserService(@Reference UserStore store) {
        this.store = store;
    }

    @Override
    public Optional<User> authenticate(String apiKey) {
        if (!ApiKeys.wellFormed(apiKey)) {
            return Optional.empty();
        }
        return store.findUserByApiKeyHash(ApiKeys.hash(apiKey)).map(DefaultUserService::user);
    }

    @Override
    public User createUser(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ImagesException.invalid("invalid_user_name",
                    "User names have 1-64 letters, digits, '.', '_', '@' or '-' and start with a letter or digit.");
        }
        UserRecord record = new UserRecord(UUID.randomUUID().toString(), name, Instant.now());
        if (!store.createUser(record)) {
            throw ImagesException.conflict("user_exists", "A user named '" + name + "' exists already.");
        }
        return user(record);
    }

    @Override
    public Optional<User> findByName(String name) {
        return store.findUserByName(name).map(DefaultUserService::user);
    }

    @Override
    public List<User> users() {
        return store.users().stream().map(DefaultUserService::user).toList();
    }

    @Override
    public String createApiKey(String userName) {
        UserRecord user = store.findUserByName(userName).orElseThrow(() -> ImagesException.notFound("User"));
        String key = ApiKeys.newKey();
        store.addApiKey(user.id(), ApiKeys.hash(key), key.substring(0, 8));
        return key;
    }

    private static User user(UserRecord r) {
        return new User(r.id(), r.name(), r.createdAt());
    }
}
