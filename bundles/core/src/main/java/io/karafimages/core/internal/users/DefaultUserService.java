package io.karafimages.core.internal.users;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.ApiKeyInfo;
import io.karafimages.api.ImagesException;
import io.karafimages.api.User;
import io.karafimages.api.UserService;
import io.karafimages.core.internal.sessions.DefaultSessionService;
import io.karafimages.core.internal.store.ApiKeyRecord;
import io.karafimages.core.internal.store.ApiKeyRepository;
import io.karafimages.core.internal.store.UserRecord;
import io.karafimages.core.internal.store.UserRepository;

/**
 * Users and API keys on top of the user store. Keys are checked against a bounded cache of recent look-ups
 * ({@link ApiKeyCache}); revoking a key or disabling a user through this node drops the cached entries at once.
 */
@Component(service = UserService.class, configurationPid = "images.web")
public final class DefaultUserService implements UserService {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** The properties of {@code images.web} read here (documented with the PID's metatype by the session service). */
    public @interface Config {
        String apikey_cache_ttl() default "PT10S";

        int apikey_cache_size() default 10000;
    }

    private final UserRepository store;
    private final ApiKeyRepository keys;
    private final ApiKeyCache cache;
    private final KeyUseRecorder uses;
    private final Supplier<Instant> clock;
    private final ScheduledExecutorService timer;

    @Activate
    public DefaultUserService(@Reference UserRepository store, @Reference ApiKeyRepository keys, Config config) {
        this(store, keys, config.apikey_cache_size(), ttl(config.apikey_cache_ttl()), Instant::now, System::nanoTime);
        timer.scheduleWithFixedDelay(uses::flush, 5, 5, TimeUnit.SECONDS);
    }

    /** Without the timer: tests call {@link #flushKeyUses()} themselves. */
    DefaultUserService(UserRepository store, ApiKeyRepository keys, int cacheSize, Duration cacheTtl,
            Supplier<Instant> clock, java.util.function.LongSupplier nanoClock) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.cache = new ApiKeyCache(cacheSize, cacheTtl, nanoClock);
        this.uses = new KeyUseRecorder(keys, nanoClock);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "images-apikey-last-use");
            t.setDaemon(true);
            return t;
        });
    }

    private static Duration ttl(String value) {
        String v = value == null ? "" : value.trim();
        return v.equals("0") || v.equals("PT0S") ? Duration.ZERO : DefaultSessionService.duration(v, "apikey.cache.ttl");
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        uses.flush();
    }

    void flushKeyUses() {
        uses.flush();
    }

    @Override
    public Optional<User> authenticate(String apiKey) {
        if (!ApiKeys.wellFormed(apiKey)) {
            return Optional.empty();
        }
        String hash = ApiKeys.hash(apiKey);
        Optional<ApiKeyRecord> key = cache.get(hash);
        if (key.isEmpty()) {
            key = keys.findApiKey(hash); // unknown keys are not cached: guessing must not evict real entries
            key.ifPresent(cache::put);
        }
        Optional<ApiKeyRecord> valid = key.filter(k -> k.validAt(clock.get()));
        valid.ifPresent(k -> uses.used(hash));
        return valid.map(k -> user(k.user()));
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
        return createApiKey(userName, null);
    }

    @Override
    public String createApiKey(String userName, Instant expiresAt) {
        UserRecord user = existing(userName);
        if (expiresAt != null && !expiresAt.isAfter(clock.get())) {
            throw ImagesException.invalid("invalid_expiry", "The expiry " + expiresAt + " is not in the future.");
        }
        String key = ApiKeys.newKey();
        keys.addApiKey(user.id(), ApiKeys.hash(key), key.substring(0, ApiKeys.SHOWN), expiresAt);
        return key;
    }

    @Override
    public List<ApiKeyInfo> apiKeys(String userName) {
        return keys.apiKeysOf(existing(userName).id()).stream().map(DefaultUserService::info).toList();
    }

    @Override
    public ApiKeyInfo revokeApiKey(String prefix) {
        List<ApiKeyRecord> found = prefix == null ? List.of() : keys.apiKeysWithPrefix(prefix.trim());
        if (found.isEmpty()) {
            throw ImagesException.notFound("API key");
        }
        List<ApiKeyRecord> active = found.stream().filter(k -> k.revokedAt() == null).toList();
        if (active.isEmpty()) {
            throw ImagesException.conflict("key_revoked", "The key " + prefix + " was revoked already.");
        }
        if (active.size() > 1) {
            throw ImagesException.conflict("ambiguous_key_prefix", active.size() + " keys start with " + prefix
                    + "; revoke them by disabling their users, or ask for a longer prefix (images:apikey-list).");
        }
        ApiKeyRecord key = active.get(0);
        keys.revokeApiKey(key.keyHash(), clock.get());
        cache.invalidate(k -> k.keyHash().equals(key.keyHash()));
        return keys.findApiKey(key.keyHash()).map(DefaultUserService::info).orElseThrow();
    }

    @Override
    public void setDisabled(String userName, boolean disabled) {
        UserRecord user = existing(userName);
        keys.setUserDisabled(user.id(), disabled ? clock.get() : null);
        cache.invalidate(k -> k.user().id().equals(user.id()));
    }

    @Override
    public boolean isDisabled(String userName) {
        return store.findUserByName(userName).flatMap(u -> keys.userDisabledAt(u.id())).isPresent();
    }

    private UserRecord existing(String userName) {
        return store.findUserByName(userName).orElseThrow(() -> ImagesException.notFound("User"));
    }

    private static ApiKeyInfo info(ApiKeyRecord k) {
        return new ApiKeyInfo(k.keyPrefix(), k.createdAt(), Optional.ofNullable(k.lastUsedAt()),
                Optional.ofNullable(k.expiresAt()), Optional.ofNullable(k.revokedAt()));
    }

    private static User user(UserRecord r) {
        return new User(r.id(), r.name(), r.createdAt());
    }
}
