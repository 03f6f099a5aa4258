package io.karafimages.keys.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;

/**
 * Key-encryption keys in Vault's Transit engine, one per user ({@code <key.prefix><sha256(user id), 32 hex>}),
 * created on first use. Vault makes each data key and wraps it in the same call; the wrapped form is Vault's
 * {@code vault:v<n>:...} ciphertext. Unwrapped keys are cached briefly (see {@link VaultKeysConfig}). Fails
 * closed: without Vault every call throws 503 {@code keys_unavailable}. Thread-safe.
 */
@Component(service = KeyService.class, configurationPid = "images.keys.vault",
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=100")
@Designate(ocd = VaultKeysConfig.class)
public final class VaultKeyService implements KeyService {
    private static final Logger LOG = LoggerFactory.getLogger(VaultKeyService.class);
    private static final String WRAPPED_PREFIX = "vault:v";
    /** Associated data of content ciphertexts; data keys have none, so decrypt() can never return a data key. */
    private static final byte[] CONTENT_AAD_PREFIX = "karaf-images/content/v1\u0000".getBytes(StandardCharsets.UTF_8);
    private static final long RENEWAL_CHECK_SECONDS = 5;

    private final VaultSettings settings;
    private final TransitClient transit;
    private final DataKeyCache cache;
    private final ScheduledExecutorService renewal;
    private volatile String lastRenewalProblem;

    @Activate
    public VaultKeyService(VaultKeysConfig config) {
        this(VaultSettings.from(config), Clock.systemUTC());
    }

    /** @param clock drives token lease and cache expiry (tests move it instead of waiting) */
    public VaultKeyService(VaultSettings settings, Clock clock) {
        this.settings = settings;
        VaultHttp http = new VaultHttp(settings);
        this.transit = new TransitClient(http, new VaultSession(http, settings, clock), settings.mount());
        this.cache = new DataKeyCache(clock, settings.cacheTtl(), settings.cacheMaxEntries());
        this.renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "images-keys-vault-renewal");
            t.setDaemon(true);
            return t;
        });
        renewal.scheduleWithFixedDelay(this::maintain, 0, RENEWAL_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    public void close() {
        renewal.shutdownNow();
        cache.clear();
    }

    @Override
    public String id() {
        return "vault";
    }

    @Override
    public DataKey newDataKey(String userId) {
        try {
            TransitClient.NewDataKey made = transit.newDataKey(keyName(userId));
            if (made.plaintext().length != 32 || !made.ciphertext().startsWith(WRAPPED_PREFIX)) {
                throw new ImagesException("keys_vault_error", 500, false,
                        "Vault returned a data key that is not a wrapped 256-bit key.", null, null);
            }
            // the freshly written file is usually read back soon (preview): spare that round trip
            cache.put(userId, made.ciphertext(), made.plaintext());
            return new DataKey(made.plaintext(), made.ciphertext());
        } catch (VaultCallException e) {
            throw VaultErrors.map(e, settings);
        }
    }

    @Override
    public byte[] unwrap(String userId, String wrapped) {
        if (wrapped == null || !wrapped.startsWith(WRAPPED_PREFIX)) {
            throw new IllegalArgumentException("Not a key wrapped by the Vault key service");
        }
        Optional<byte[]> cached = cache.get(userId, wrapped);
        if (cached.isPresent()) {
            return cached.get();
        }
        byte[] key = decryptOrFail(userId, wrapped.getBytes(StandardCharsets.UTF_8), null, "key_unwrap_failed",
                "A wrapped key does not belong to this user's Vault key.");
        cache.put(userId, wrapped, key);
        return key;
    }

    /**
     * Drops the cached plaintext. Vault keeps no state per data key (transit wraps and unwraps statelessly), so once
     * the caller deletes its only copy of the wrapped key nothing can unwrap it again.
     */
    @Override
    public void destroy(String userId, String wrapped) {
        cache.remove(userId, wrapped);
    }

    /**
     * Encrypts with the user's Transit key, binding {@code context} as associated data: decrypting needs the
     * same user and context. For small payloads (Vault limits a request to 32 MiB of JSON).
     *
     * @param context may be {@code null} or empty
     * @return Vault's {@code vault:v<n>:...} ciphertext as UTF-8 bytes
     */
    public byte[] encrypt(String userId, byte[] plaintext, byte[] context) {
        try {
            return transit.encrypt(keyName(userId), plaintext, contentAad(context)).getBytes(StandardCharsets.UTF_8);
        } catch (VaultCallException e) {
            throw VaultErrors.map(e, settings);
        }
    }

    /** Reverses {@link #encrypt} for the same user and context; anything else fails with {@code decrypt_failed}. */
    public byte[] decrypt(String userId, byte[] ciphertext, byte[] context) {
        return decryptOrFail(userId, ciphertext, contentAad(context), "decrypt_failed",
                "The ciphertext does not belong to this user's Vault key and context.");
    }

    @Override
    public String health() {
        try {
            transit.checkAccess();
            return "up";
        } catch (VaultCallException e) {
            return VaultErrors.health(e, settings);
        }
    }

    /** Renews the token when due and drops expired cached keys; the renewal task runs this every few seconds. */
    void maintain() {
        cache.purgeExpired();
        try {
            transit.renewIfDue();
            if (lastRenewalProblem != null) {
                LOG.info("Vault token renewal works again");
                lastRenewalProblem = null;
            }
        } catch (VaultCallException | RuntimeException e) {
            String problem = e instanceof VaultCallException v ? VaultErrors.health(v, settings) : e.toString();
            if (!problem.equals(lastRenewalProblem)) {
                LOG.warn("Vault token renewal failed, will retry: {}", problem);
                lastRenewalProblem = problem;
            }
        }
    }

    /** The Transit key name of a user; a hash, so user ids never appear in Vault. */
    String keyName(String userId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return settings.keyPrefix() + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    int cachedKeys() {
        return cache.size();
    }

    private byte[] decryptOrFail(String userId, byte[] ciphertext, byte[] aad, String code, String message) {
        try {
            return transit.decrypt(keyName(userId), new String(ciphertext, StandardCharsets.UTF_8), aad);
        } catch (VaultCallException e) {
            // 400: unknown key, wrong key or wrong associated data; Vault does not say which, nor do we
            if (e.status() == 400) {
                throw new ImagesException(code, 500, false, message, null, e);
            }
            throw VaultErrors.map(e, settings);
        }
    }

    private static byte[] contentAad(byte[] context) {
        byte[] c = context == null ? new byte[0] : context;
        byte[] aad = Arrays.copyOf(CONTENT_AAD_PREFIX, CONTENT_AAD_PREFIX.length + c.length);
        System.arraycopy(c, 0, aad, CONTENT_AAD_PREFIX.length, c.length);
        return aad;
    }
}
