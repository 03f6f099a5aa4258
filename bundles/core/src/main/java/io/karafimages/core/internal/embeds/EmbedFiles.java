package io.karafimages.core.internal.embeds;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
 * Encrypts renditions into the active blob store under opaque random keys, and streams them back decrypted.
 * A failed write removes what it already wrote, so no half-written embed stays behind.
 */
@Component(service = EmbedFiles.class)
public final class EmbedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();

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

    public Stored store(String embedId, byte[] dataKey, List<Rendition> renditions) {
        BlobStore store = backends.activeStore();
        Map<RenditionFormat, StoredFile> files = new EnumMap<>(RenditionFormat.class);
        List<String> written = new ArrayList<>();
        try {
            for (Rendition r : renditions) {
                String key = newObjectKey();
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

    /** 128 random bits: says nothing about owner, format or prompt. */
    static String newObjectKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
