package io.karafimages.core.internal.embeds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.spi.storage.BlobStore;
import io.karafimages.spi.store.EmbedRecord;
import io.karafimages.spi.store.TaskStore;

/**
 * Moves the encrypted files of finished embeds from one blob backend to another (the ciphertext is copied as is:
 * encryption does not depend on where a file is kept). Each copy is read back and compared by SHA-256 before
 * the embed is switched to the new backend; embeds that fail stay on the old one. Resumable: a second run
 * continues with what is left.
 */
@Component(service = StorageMigration.class)
public final class StorageMigration {
    /** What a run did. */
    public record Result(int moved, int failed, long bytes) {
    }

    private final TaskStore store;
    private final Backends backends;

    @Activate
    public StorageMigration(@Reference TaskStore store, @Reference Backends backends) {
        this.store = store;
        this.backends = backends;
    }

    public Result migrate(String from, String to, boolean deleteSource, Consumer<String> log) {
        BlobStore source = backends.store(from);
        BlobStore target = backends.store(to);
        int moved = 0;
        int failed = 0;
        long bytes = 0;
        String after = "";
        for (List<EmbedRecord> batch = store.findEmbedsByBlobBackend(from, after, 100); !batch.isEmpty();
                batch = store.findEmbedsByBlobBackend(from, after, 100)) {
            for (EmbedRecord embed : batch) {
                after = embed.id();
                try {
                    List<String> keys = objectKeys(embed);
                    for (String key : keys) {
                        bytes += copyVerified(source, target, key);
                    }
                    if (store.moveEmbedFiles(embed.id(), from, to)) {
                        moved++;
                        if (deleteSource) {
                            keys.forEach(source::delete);
                        }
                    }
                } catch (RuntimeException e) {
                    failed++;
                    log.accept("embed " + embed.id() + " stays on '" + from + "': " + e.getMessage());
                }
            }
            log.accept(moved + " embeds moved, " + failed + " failed so far");
        }
        return new Result(moved, failed, bytes);
    }

    private List<String> objectKeys(EmbedRecord embed) {
        byte[] key = backends.keys(embed.keyBackend()).unwrap(embed.ownerId(), embed.wrappedKey());
        Map<String, Object> content = DefaultEmbedService.decryptContent(embed, key);
        List<String> keys = new ArrayList<>();
        ((Map<?, ?>) content.get("files")).values().forEach(f -> keys.add((String) ((Map<?, ?>) f).get("s3_key")));
        return keys;
    }

    private static long copyVerified(BlobStore source, BlobStore target, String key) {
        byte[] data = readAll(source.open(key));
        target.put(key, new ByteArrayInputStream(data), data.length);
        if (!MessageDigest.isEqual(sha256(data), sha256(readAll(target.open(key))))) {
            target.delete(key);
            throw new ImagesException("migration_verify_failed", 500, true,
                    "The copy of " + key + " differs from the original.");
        }
        return data.length;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ImagesException.unavailable("storage_unavailable", "Could not read " + e.getMessage(), null, e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
