package io.karafimages.core.internal.embeds;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.core.internal.pipeline.Rendition;
import io.karafimages.spi.storage.BlobStore;

/**
 * Encrypts renditions into the active blob store under opaque keys, and streams them back decrypted. A failed write
 * removes what it already wrote, so no half-written embed stays behind.
 *
 * <p>An object's key is derived from the embed's data key, the embed id, the task attempt and the format
 * ({@link #objectKey}): to anyone without the data key it is as opaque as a random key, but whoever can unwrap the
 * data key can name every object an attempt may have written. A node killed in the middle of an upload leaves no
 * record of what it wrote; the next attempt (or whoever ends the task) names those objects again and deletes them
 * ({@link #sweep}), so nothing it wrote stays behind unreferenced.
 */
@Component(service = EmbedFiles.class)
public final class EmbedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedFiles.class);

    /** The files of one embed and the backend that holds them. */
    public record Stored(String backend, Map<RenditionFormat, StoredFile> files) {
        /** What an embed without files (search results) stores: nothing. */
        public static final Stored NONE = new Stored(null, Map.of());
    }

    private final Backends backends;

    @Activate
    public EmbedFiles(@Reference Backends backends) {
        this.backends = backends;
    }

    /**
     * Stores the renditions of one attempt.
     *
     * @param attempt the task attempt that writes them (0 for an upload, which has none): part of the object keys
     */
    public Stored store(String embedId, byte[] dataKey, int attempt, List<Rendition> renditions) {
        BlobStore store = backends.activeStore();
        Map<RenditionFormat, StoredFile> files = new EnumMap<>(RenditionFormat.class);
        List<String> written = new ArrayList<>();
        try {
            for (Rendition r : renditions) {
                String key = objectKey(dataKey, embedId, attempt, r.format());
                byte[] ciphertext = encrypt(dataKey, r.data(), EnvelopeCrypto.aad(embedId, r.format().wireName()));
                store.put(key, new ByteArrayInputStream(ciphertext), ciphertext.length);
                written.add(key);
                files.put(r.format(), new StoredFile(key, r.info(), sha256(r.data())));
            }
            return new Stored(store.id(), files);
        } catch (RuntimeException e) {
            delete(store.id(), written);
            throw e;
        }
    }

    /** Best-effort removal, e.g. of the files of a task cancelled while it was storing. */
    public void delete(String backend, List<String> objectKeys) {
        for (String key : objectKeys) {
            try {
                backends.store(backend).delete(key);
            } catch (RuntimeException e) {
                LOG.warn("Could not remove object {} from '{}'; it is unreferenced ciphertext", key, backend, e);
            }
        }
    }

    /**
     * Deletes whatever attempts {@code fromAttempt..toAttempt} of an embed's task may have written to the active
     * store, whether or not they got that far (deleting a missing object is not an error). Best effort: a store that
     * fails is logged, and the next sweep tries again.
     *
     * @return how many deletes the store accepted
     */
    public int sweep(String embedId, byte[] dataKey, int fromAttempt, int toAttempt) {
        List<String> keys = new ArrayList<>();
        for (int a = Math.max(0, fromAttempt); a <= toAttempt; a++) {
            for (RenditionFormat f : RenditionFormat.values()) {
                keys.add(objectKey(dataKey, embedId, a, f));
            }
        }
        if (keys.isEmpty()) {
            return 0;
        }
        BlobStore store = backends.activeStore();
        int deleted = 0;
        for (String key : keys) {
            try {
                store.delete(key);
                deleted++;
            } catch (RuntimeException e) {
                LOG.warn("Could not sweep object {} of embed {} from '{}'; the next sweep tries again", key, embedId,
                        store.id(), e);
            }
        }
        return deleted;
    }

    /** A decrypting stream of one stored file of a known plaintext size (see {@link EnvelopeCrypto}). */
    public InputStream open(String backend, String objectKey, byte[] dataKey, String embedId, RenditionFormat f,
            long plaintextSize) {
        InputStream ciphertext = backends.store(backend).open(objectKey);
        return EnvelopeCrypto.decrypting(dataKey, ciphertext, EnvelopeCrypto.aad(embedId, f.wireName()),
                plaintextSize);
    }

    /** A decrypting stream of one stored file. */
    public InputStream open(String backend, String objectKey, byte[] dataKey, String embedId, RenditionFormat f) {
        InputStream ciphertext = backends.store(backend).open(objectKey);
        return EnvelopeCrypto.decrypting(dataKey, ciphertext, EnvelopeCrypto.aad(embedId, f.wireName()));
    }

    private static byte[] encrypt(byte[] dataKey, byte[] plaintext, byte[] aad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 4096);
        try (OutputStream enc = EnvelopeCrypto.encrypting(dataKey, out, aad)) {
            enc.write(plaintext);
        } catch (IOException e) {
            throw new ImagesException("encryption_failed", 500, false, "Could not encrypt a file.", null, e);
        }
        return out.toByteArray();
    }

    /**
     * The key of one object: 128 bits of HMAC-SHA256, under a key derived from the data key (never the data key
     * itself), of the embed id, the attempt and the format. Says nothing about owner, format or prompt to anyone
     * without the data key.
     */
    public static String objectKey(byte[] dataKey, String embedId, int attempt, RenditionFormat format) {
        byte[] naming = hmac(dataKey, "karaf-images object names v1".getBytes(StandardCharsets.US_ASCII));
        try {
            byte[] name = hmac(naming, (embedId + "\n" + attempt + "\n" + format.wireName())
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(name, 0, 16);
        } finally {
            Arrays.fill(naming, (byte) 0);
        }
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
