package io.karafimages.core.internal.embeds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.EmbedStatus;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.store.EmbedFileRow;
import io.karafimages.core.internal.store.FileRoute;
import io.karafimages.core.internal.store.EmbedRepository;

/**
 * The routing rows of embed files (where a rendition's ciphertext is, and its plaintext's headers) and a bounded
 * cache of them, so that a download reads at most one row and usually none.
 *
 * <p>Only routes of finished images that have their row are cached: those change only when the embed is deleted or
 * its files move to another backend, and both call {@link #invalidate} on the node that does it, so that node never
 * serves a stale route. Other nodes sharing the database drop a cached route at the latest {@link #TTL_NANOS} after
 * they read it; until then a route of a deleted embed points at deleted objects and a deleted key (GET fails, HEAD and
 * 304 still answer), and a route to the old backend of a migrated embed is re-read at once when the old backend no
 * longer has the object (see {@link DefaultEmbedService#file}).
 */
@Component(service = EmbedRoutes.class)
public final class EmbedRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(EmbedRoutes.class);
    /** How long another node may serve a cached route after the embed changed (deleted, moved): 10 s. */
    static final long TTL_NANOS = 10_000_000_000L;
    /** At most this many routes (a few hundred bytes each) are cached. */
    static final int MAX_ENTRIES = 10_000;
    private static final String ETAG_CONTEXT = "karaf-images-etag|";

    private record Cached(FileRoute route, long expiresAt) {
    }

    private final EmbedRepository store;
    private final LongSupplier nanoClock;
    private final int maxEntries;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Activate
    public EmbedRoutes(@Reference EmbedRepository store) {
        this(store, System::nanoTime, MAX_ENTRIES);
    }

    EmbedRoutes(EmbedRepository store, LongSupplier nanoClock, int maxEntries) {
        this.store = store;
        this.nanoClock = nanoClock;
        this.maxEntries = maxEntries;
    }

    /** The route of one rendition, from the cache or one row read; empty when the embed does not exist. */
    public Optional<FileRoute> route(String embedId, RenditionFormat format) {
        String key = key(embedId, format);
        Cached cached = cache.get(key);
        long now = nanoClock.getAsLong();
        if (cached != null && now - cached.expiresAt() < 0) {
            return Optional.of(cached.route());
        }
        Optional<FileRoute> read = store.findFileRoute(embedId, format);
        read.ifPresentOrElse(this::remember, () -> cache.remove(key));
        return read;
    }

    /** Caches a route if it can be cached (a finished embed's file with its row). */
    void remember(FileRoute route) {
        if (route.status() != EmbedStatus.FINISHED || route.file() == null) {
            return;
        }
        if (cache.size() >= maxEntries) {
            evict();
        }
        cache.put(key(route.embedId(), route.file().format()), new Cached(route, nanoClock.getAsLong() + TTL_NANOS));
    }

    /** Drops expired routes, and when that frees nothing, an arbitrary tenth: the cache never exceeds its bound. */
    private void evict() {
        long now = nanoClock.getAsLong();
        cache.values().removeIf(c -> now - c.expiresAt() >= 0);
        int excess = cache.size() - maxEntries + Math.max(1, maxEntries / 10);
        for (Iterator<String> it = cache.keySet().iterator(); excess > 0 && it.hasNext(); excess--) {
            it.next();
            it.remove();
        }
    }

    /** Forgets every cached route of an embed: call it when the embed is deleted or its files move. */
    public void invalidate(String embedId) {
        for (RenditionFormat f : RenditionFormat.values()) {
            cache.remove(key(embedId, f));
        }
    }

    int size() {
        return cache.size();
    }

    /** The object keys of an embed's files from its routing rows; empty when it has none (yet). */
    public List<String> objectKeys(String embedId) {
        List<String> keys = new ArrayList<>();
        store.findEmbedFiles(embedId).forEach(f -> keys.add(f.objectKey()));
        return keys;
    }

    /** The routing rows of freshly stored files. */
    public static List<EmbedFileRow> rows(String embedId, Map<RenditionFormat, StoredFile> files) {
        List<EmbedFileRow> rows = new ArrayList<>();
        files.forEach((format, file) -> rows.add(new EmbedFileRow(embedId, format, file.objectKey(), file.info(),
                etag(file.objectKey()))));
        return rows;
    }

    /**
     * Writes the routing rows of an embed's stored files. A failure is logged, not thrown: the embed stays readable,
     * and its first download writes the rows from the decrypted content.
     */
    public static void record(EmbedRepository store, String embedId, EmbedFiles.Stored stored) {
        if (stored.files().isEmpty()) {
            return;
        }
        try {
            store.putEmbedFiles(embedId, rows(embedId, stored.files()));
        } catch (RuntimeException e) {
            LOG.warn("The routing rows of embed {} were not written ({}); its first download writes them", embedId,
                    e.toString());
        }
    }

    /**
     * A strong entity tag from the object key alone: object keys are random and never reused for other bytes, so
     * the tag changes exactly when the file does, and it says nothing about the plaintext (a plaintext hash in the
     * clear would confirm guesses of the picture).
     */
    public static String etag(String objectKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((ETAG_CONTEXT + objectKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String embedId, RenditionFormat format) {
        return embedId + '|' + format.ordinal();
    }
}
