package io.karafimages.core.internal.embeds;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.spi.storage.BlobStore;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.EmbedRepository;

/**
 * Moves the encrypted files of finished embeds from one blob backend to another (the ciphertext is copied as is:
 * encryption does not depend on where a file is kept). Each copy is read back and compared by SHA-256 before
 * the embed is switched to the new backend; embeds that fail stay on the old one. With {@code deleteSource}
 * a source object is deleted only after the target's copy is read back once more and matches. Refuses two
 * ids that are the same storage. Resumable: a second run continues with what is left.
 */
@Component(service = StorageMigration.class)
public final class StorageMigration {
    /** What a run did. */
    public record Result(int moved, int failed, long bytes) {
    }

    private final EmbedRepository store;
    private final Backends backends;
    private final EmbedRoutes routes;

    @Activate
    public StorageMigration(@Reference EmbedRepository store, @Reference Backends backends,
            @Reference EmbedRoutes routes) {
        this.store = store;
        this.backends = backends;
        this.routes = routes;
    }

    /**
     * @throws ImagesException 400 {@code migration_same_backend} when both ids name the same store (by id, by
     *         instance, or because the target's objects show up in the source): deleting the source would then
     *         delete the only copy
     */
    public Result migrate(String from, String to, boolean deleteSource, Consumer<String> log) {
        if (from.equals(to)) {
            throw sameBackend("Source and target are both '" + from + "'.");
        }
        BlobStore source = backends.store(from);
        BlobStore target = backends.store(to);
        refuseAliases(source, target, from, to);
        int moved = 0;
        int failed = 0;
        long bytes = 0;
        String after = "";
        for (List<EmbedRecord> batch = store.findEmbedsByBlobBackend(from, after, 100); !batch.isEmpty();
                batch = store.findEmbedsByBlobBackend(from, after, 100)) {
            for (EmbedRecord embed : batch) {
                after = embed.id();
                try {
                    Map<String, byte[]> digests = new LinkedHashMap<>();
                    for (String key : objectKeys(embed)) {
                        bytes += copyVerified(source, target, key, digests);
                    }
                    if (store.moveEmbedFiles(embed.id(), from, to)) {
                        routes.invalidate(embed.id()); // this node reads the new backend at once
                        moved++;
                        if (deleteSource) {
                            deleteVerified(source, target, digests, log);
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

    /**
     * Two ids can still be one storage (two fs configurations on the same directory, or a bucket under two
     * names): a probe object written through the source that the target can read proves it, and stops the
     * run before anything is copied or deleted.
     */
    private static void refuseAliases(BlobStore source, BlobStore target, String from, String to) {
        if (source == target) {
            throw sameBackend("'" + from + "' and '" + to + "' are the same store.");
        }
        String probe = "migration-probe-" + UUID.randomUUID();
        byte[] marker = probe.getBytes(StandardCharsets.US_ASCII);
        source.put(probe, new ByteArrayInputStream(marker), marker.length);
        try {
            boolean visible;
            try (InputStream in = target.open(probe)) {
                visible = Arrays.equals(marker, in.readAllBytes());
            } catch (ImagesException e) {
                if (e.httpStatus() != 404) {
                    throw e;
                }
                visible = false;
            } catch (IOException e) {
                throw ImagesException.unavailable("storage_unavailable", "Could not read a probe object from '"
                        + to + "'.", null, e);
            }
            if (visible) {
                throw sameBackend("'" + from + "' and '" + to + "' keep their files in the same place.");
            }
        } finally {
            source.delete(probe);
        }
    }

    /** Deletes each source object only if the target, read again now, still holds the same bytes. */
    private static void deleteVerified(BlobStore source, BlobStore target, Map<String, byte[]> digests,
            Consumer<String> log) {
        digests.forEach((key, digest) -> {
            if (MessageDigest.isEqual(digest, sha256(readAll(target.open(key))))) {
                source.delete(key);
            } else {
                log.accept("kept " + key + " on the source: the target's copy no longer matches");
            }
        });
    }

    private static ImagesException sameBackend(String why) {
        return ImagesException.invalid("migration_same_backend", why + " Nothing was copied or deleted: "
                + "name two different storage backends.");
    }

    /** From the routing rows; embeds made before them (schema V8) name their files only in their content. */
    private List<String> objectKeys(EmbedRecord embed) {
        List<String> routed = routes.objectKeys(embed.id());
        if (!routed.isEmpty()) {
            return routed;
        }
        byte[] key = backends.keys(embed.keyBackend()).unwrap(embed.ownerId(), embed.wrappedKey());
        Map<String, Object> content = DefaultEmbedService.decryptContent(embed, key);
        List<String> keys = new ArrayList<>();
        ((Map<?, ?>) content.get("files")).values().forEach(f -> keys.add((String) ((Map<?, ?>) f).get("s3_key")));
        return keys;
    }

    private static long copyVerified(BlobStore source, BlobStore target, String key, Map<String, byte[]> digests) {
        byte[] data = readAll(source.open(key));
        byte[] digest = sha256(data);
        target.put(key, new ByteArrayInputStream(data), data.length);
        if (!MessageDigest.isEqual(digest, sha256(readAll(target.open(key))))) {
            target.delete(key);
            throw new ImagesException("migration_verify_failed", 500, true,
                    "The copy of " + key + " differs from the original.");
        }
        digests.put(key, digest);
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
