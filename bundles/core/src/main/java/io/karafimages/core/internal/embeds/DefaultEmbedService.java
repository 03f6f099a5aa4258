package io.karafimages.core.internal.embeds;

import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.Embed;
import io.karafimages.api.EmbedFile;
import io.karafimages.api.EmbedService;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.EmbedSummary;
import io.karafimages.api.Page;
import io.karafimages.api.FileInfo;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.pipeline.Rendition;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.core.internal.json.Json;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.core.internal.lists.ListCursor;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.FileRoute;
import io.karafimages.core.internal.store.Keyset;
import io.karafimages.core.internal.store.EmbedRepository;

/** Reads embeds for their owners; everybody else is told they do not exist. */
@Component(service = { EmbedService.class, DefaultEmbedService.class })
public final class DefaultEmbedService implements EmbedService {
    /** All embeds are envelope-encrypted under a key-service key; the API calls that mode "vault". */
    public static final String ENCRYPTION_MODE = "vault";

    private final EmbedRepository store;
    private final Backends backends;
    private final EmbedFiles files;
    private final EmbedUploads uploads;
    private final EmbedRoutes routes;
    private volatile EmbedDeletion deletion;
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEmbedService.class);

    @Activate
    public DefaultEmbedService(@Reference EmbedRepository store, @Reference Backends backends,
            @Reference EmbedFiles files, @Reference EmbedUploads uploads, @Reference EmbedRoutes routes) {
        this.store = store;
        this.backends = backends;
        this.files = files;
        this.uploads = uploads;
        this.routes = routes;
    }

    /** The routing rows and their cache (deletion invalidates through it). */
    EmbedRoutes routes() {
        return routes;
    }

    /** Bound once its own references are: it cancels tasks through the task service, which needs this service. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setDeletion(EmbedDeletion deletion) {
        this.deletion = deletion;
    }

    public void unsetDeletion(EmbedDeletion deletion) {
        if (this.deletion == deletion) {
            this.deletion = null;
        }
    }

    @Override
    public void delete(String userId, String embedId) {
        EmbedDeletion current = deletion;
        if (current == null) {
            throw ImagesException.unavailable("deletion_unavailable", "Deleting embeds is starting up; try again.",
                    Duration.ofSeconds(2), null);
        }
        current.delete(userId, embedId);
    }

    /**
     * Each finished image's content is decrypted to say what made it (skill, prompt, model) and its preview's size:
     * one key unwrap and one small decryption per row, at most {@link Page#MAX_LIMIT} per page. No plaintext copy of
     * the prompt is kept anywhere for the list's sake. A key service outage fails the page (503); content that
     * cannot be read for another reason leaves only that row without details.
     */
    @Override
    public Page<EmbedSummary> list(String userId, int limit, String cursor) {
        int size = ListCursor.limit(limit);
        Keyset after = ListCursor.decode(ListCursor.EMBEDS, cursor);
        return ListCursor.page(ListCursor.EMBEDS, store.listEmbeds(userId, after, size + 1), size,
                e -> new Keyset(e.createdAt(), e.id()), this::summary);
    }

    private EmbedSummary summary(EmbedRecord e) {
        Embed embed = view(e);
        if (e.status() != EmbedStatus.FINISHED || e.content() == null) {
            return EmbedSummary.of(embed);
        }
        byte[] key = null;
        try {
            key = dataKey(e);
            Map<String, Object> c = decryptContent(e, key);
            FileInfo preview = null;
            if (c.get("files") instanceof Map<?, ?> files && files.get(RenditionFormat.PREVIEW.wireName())
                    instanceof Map<?, ?> entry) {
                preview = StoredFile.fromContent(entry, RenditionFormat.PREVIEW).info();
            }
            return new EmbedSummary(embed, text(c, "skill"), text(c, "source"), text(c, "prompt"), text(c, "model"),
                    text(c, "name"), text(c, "parent_embed_id"), preview);
        } catch (ImagesException ex) {
            if (ex.httpStatus() == 503) {
                throw ex;
            }
            LOG.warn("Embed {} is listed without details: its content cannot be read ({})", e.id(), ex.code());
            return EmbedSummary.of(embed);
        } catch (RuntimeException ex) {
            LOG.warn("Embed {} is listed without details: its content cannot be read", e.id(), ex);
            return EmbedSummary.of(embed);
        } finally {
            if (key != null) {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static String text(Map<String, Object> content, String field) {
        return content.get(field) instanceof String v ? v : null;
    }

    @Override
    public Embed upload(String userId, byte[] image, String mediaType, String name) {
        return uploads.upload(userId, image, mediaType, name);
    }

    /**
     * Size and origin of one of the user's finished embeds.
     *
     * @throws ImagesException 404 {@code not_found} (absent or another user's), 409 {@code embed_not_ready}
     */
    public EmbedFacts facts(String userId, String embedId) {
        return open(userId, embedId).facts();
    }

    /** The code of a file request for an embed that is not an image. */
    static final String NO_FILES = "no_files";

    /**
     * A rendition's decrypted pixels (a raster file) with the embed's facts: one lookup, one key unwrap, one content
     * decrypt. The original of a vectorised image is SVG: its full WebP render, the same size, stands in for it.
     */
    public EmbedRead read(String userId, String embedId, RenditionFormat format) {
        Opened opened = open(userId, embedId);
        RenditionFormat raster = format == RenditionFormat.ORIGINAL && opened.isVector() ? RenditionFormat.FULL
                : format;
        try (InputStream in = opened.open(raster)) {
            return new EmbedRead(opened.facts(), in.readAllBytes());
        } catch (java.io.IOException e) {
            throw ImagesException.unavailable("storage_unavailable", "Could not read a stored file.", null, e);
        }
    }

    /** A finished embed with its data key and decrypted content, for the reads above. */
    private final class Opened {
        private final EmbedRecord embed;
        private final byte[] key;
        private final Map<String, Object> content;

        Opened(EmbedRecord embed, byte[] key, Map<String, Object> content) {
            this.embed = embed;
            this.key = key;
            this.content = content;
        }

        EmbedFacts facts() {
            Map<?, ?> original = (Map<?, ?>) ((Map<?, ?>) content.get("files"))
                    .get(RenditionFormat.ORIGINAL.wireName());
            return new EmbedFacts(embed.id(), ((Number) original.get("width")).intValue(),
                    ((Number) original.get("height")).intValue(), digitalSourceType(content));
        }

        boolean isVector() {
            Map<?, ?> original = (Map<?, ?>) ((Map<?, ?>) content.get("files"))
                    .get(RenditionFormat.ORIGINAL.wireName());
            return Rendition.SVG.equals(original.get("format"));
        }

        InputStream open(RenditionFormat format) {
            Map<?, ?> entry = (Map<?, ?>) ((Map<?, ?>) content.get("files")).get(format.wireName());
            StoredFile stored = StoredFile.fromContent(entry, format);
            return files.open(embed.blobBackend(), stored.objectKey(), key, embed.id(), format);
        }
    }

    private Opened open(String userId, String embedId) {
        EmbedRecord embed = finished(userId, embedId);
        if (!EmbedRecord.IMAGE.equals(embed.type())) {
            throw noFiles(embed.type(), embedId);
        }
        byte[] key = dataKey(embed);
        return new Opened(embed, key, decryptContent(embed, key));
    }

    @Override
    public Optional<Embed> find(String userId, String embedId) {
        return owned(userId, embedId).map(DefaultEmbedService::view);
    }

    static Embed view(EmbedRecord e) {
        return new Embed(e.id(), e.ownerId(), e.type(), e.status(), ENCRYPTION_MODE, e.createdAt(), e.updatedAt());
    }

    @Override
    public Map<String, Object> content(String userId, String embedId) {
        EmbedRecord embed = finished(userId, embedId);
        return decryptContent(embed, dataKey(embed));
    }

    /**
     * One routing row read (none while the route is cached), no key and no decryption: {@link EmbedFile#info()} and
     * {@link EmbedFile#etag()} come from the row, so HEAD and 304 answers need nothing else. Only
     * {@link EmbedFile#open()} unwraps the data key (the key services cache unwrapped keys) and decrypts the file
     * as it streams. An embed finished before routing rows existed gets them here, once, from its decrypted content.
     */
    @Override
    public EmbedFile file(String userId, String embedId, RenditionFormat format) {
        FileRoute route = routes.route(embedId, format).filter(r -> r.ownerId().equals(userId))
                .orElseThrow(() -> ImagesException.notFound("Embed"));
        if (route.status() != EmbedStatus.FINISHED) {
            throw notReady(route.status());
        }
        if (!EmbedRecord.IMAGE.equals(route.type())) {
            throw noFiles(route.type(), embedId);
        }
        if (route.file() == null) {
            route = backfill(userId, embedId, format);
        }
        return new RoutedFile(route);
    }

    /** A rendition served from its routing row. */
    private final class RoutedFile implements EmbedFile {
        private final FileRoute route;

        RoutedFile(FileRoute route) {
            this.route = route;
        }

        @Override
        public FileInfo info() {
            return route.file().info();
        }

        @Override
        public String etag() {
            return "\"" + route.file().etag() + "\"";
        }

        /**
         * Opening waits for another server if either backend says so: an object store (S3) sends the first bytes,
         * a key service (Vault) unwraps the key. A backend that is not installed counts as remote (opening fails).
         */
        @Override
        public boolean remote() {
            try {
                return backends.store(route.blobBackend()).remote() || backends.keys(route.keyBackend()).remote();
            } catch (ImagesException notInstalled) {
                return true;
            }
        }

        /**
         * A cached route may name the backend a storage migration on another node has since moved the files away
         * from: when that backend no longer has the object, the route is read again, once.
         */
        @Override
        public InputStream open() {
            try {
                return open(route);
            } catch (ImagesException e) {
                if (e.httpStatus() != 404) {
                    throw e;
                }
                routes.invalidate(route.embedId());
                FileRoute now = routes.route(route.embedId(), route.file().format()).orElseThrow(() -> e);
                if (now.file() == null || java.util.Objects.equals(now.blobBackend(), route.blobBackend())
                        || !now.ownerId().equals(route.ownerId())) {
                    throw e;
                }
                return open(now);
            }
        }

        private InputStream open(FileRoute r) {
            byte[] key = backends.keys(r.keyBackend()).unwrap(r.ownerId(), r.wrappedKey());
            return files.open(r.blobBackend(), r.file().objectKey(), key, r.embedId(), r.file().format(),
                    r.file().info().sizeBytes());
        }
    }

    /**
     * Writes the routing rows of an embed finished before they existed (schema V8) from its decrypted content, and
     * returns the requested one: the only download of an embed that unwraps a key for its headers.
     */
    private FileRoute backfill(String userId, String embedId, RenditionFormat format) {
        EmbedRecord embed = finished(userId, embedId);
        byte[] key = dataKey(embed);
        Map<RenditionFormat, StoredFile> stored = new java.util.EnumMap<>(RenditionFormat.class);
        try {
            Map<String, Object> content = decryptContent(embed, key);
            if (content.get("files") instanceof Map<?, ?> entries) {
                for (RenditionFormat f : RenditionFormat.values()) {
                    if (entries.get(f.wireName()) instanceof Map<?, ?> entry) {
                        stored.put(f, StoredFile.fromContent(entry, f));
                    }
                }
            }
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
        if (!stored.containsKey(format)) {
            throw ImagesException.notFound("Embed");
        }
        RuntimeException writeFailure = null;
        try {
            store.putEmbedFiles(embedId, EmbedRoutes.rows(embedId, stored));
            LOG.info("Embed {}: routing rows written from its content (made before schema version 8)", embedId);
        } catch (RuntimeException e) {
            writeFailure = e; // a parallel download may have written the same rows first
        }
        Optional<FileRoute> route = routes.route(embedId, format).filter(r -> r.file() != null);
        if (route.isEmpty() && writeFailure != null) {
            throw writeFailure;
        }
        return route.orElseThrow(() -> ImagesException.notFound("Embed"));
    }

    /** The decrypted bytes of one of the user's finished renditions (for skills that read references). */
    public byte[] readAll(String userId, String embedId, RenditionFormat format) {
        return read(userId, embedId, format).bytes();
    }

    /** Embeds made before the type was recorded are generations: AI-made. */
    private static String digitalSourceType(Map<String, Object> content) {
        if (content.get("digital_source_type") instanceof String type) {
            return type;
        }
        return Boolean.FALSE.equals(content.get("ai_generated")) || "upload".equals(content.get("source")) ? null
                : ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA;
    }

    private Optional<EmbedRecord> owned(String userId, String embedId) {
        return store.findEmbed(embedId).filter(e -> e.ownerId().equals(userId));
    }

    private EmbedRecord finished(String userId, String embedId) {
        EmbedRecord embed = owned(userId, embedId).orElseThrow(() -> ImagesException.notFound("Embed"));
        if (embed.status() != EmbedStatus.FINISHED) {
            throw notReady(embed.status());
        }
        return embed;
    }

    private static ImagesException notReady(EmbedStatus status) {
        return ImagesException.conflict("embed_not_ready",
                "The embed is " + status.wireName() + "; files exist only once it is finished.");
    }

    private static ImagesException noFiles(String type, String embedId) {
        return new ImagesException(NO_FILES, 404, false, "This embed holds " + type + ", not an image: "
                + "it has no files. GET /v1/embeds/" + embedId + "/content returns it.");
    }

    byte[] dataKey(EmbedRecord embed) {
        return backends.keys(embed.keyBackend()).unwrap(embed.ownerId(), embed.wrappedKey());
    }

    /** The decrypted content of a finished embed. */
    static Map<String, Object> decryptContent(EmbedRecord embed, byte[] key) {
        byte[] json = EnvelopeCrypto.open(key, embed.content(), EnvelopeCrypto.aad(embed.id(), "content"));
        return new LinkedHashMap<>(Json.readMap(json));
    }
}
