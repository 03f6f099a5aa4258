package io.karafimages.core.internal.embeds;

import java.time.Instant;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Embed;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.core.internal.json.Json;
import io.karafimages.core.internal.pipeline.C2paPresence;
import io.karafimages.core.internal.pipeline.Rendered;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.spi.provider.ImageSniffer;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.EmbedRepository;

/**
 * Turns an uploaded image into a finished embed: the same three renditions, encryption and storage as a skill's
 * result, but labelled as what it is: not AI-made. The row is written last, so a failure leaves nothing behind.
 */
@Component(service = EmbedUploads.class)
public final class EmbedUploads {
    /** The contract's upload limit (API.md "Images as inputs"). */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    static final String METADATA_EDIT = "c2pa.edited.metadata";

    private final EmbedRepository store;
    private final Backends backends;
    private final EmbedFiles files;
    private final RenditionPipeline pipeline;

    @Activate
    public EmbedUploads(@Reference EmbedRepository store, @Reference Backends backends, @Reference EmbedFiles files,
            @Reference RenditionPipeline pipeline) {
        this.store = store;
        this.backends = backends;
        this.files = files;
        this.pipeline = pipeline;
    }

    Embed upload(String userId, byte[] image, String declaredType, String name) {
        if (image.length > MAX_BYTES) {
            throw new ImagesException(ErrorCodes.IMAGE_TOO_LARGE, 413, false, "The upload has " + image.length
                    + " bytes; at most " + MAX_BYTES + " (20 MB) are accepted.");
        }
        ImageSniffer.Sniffed sniffed = ImageSniffer.sniff(image).orElseThrow(() -> ImagesException.invalid(
                ErrorCodes.UNSUPPORTED_IMAGE, "The body is not a readable PNG, JPEG or WebP image."));
        ProvenanceInfo.Builder info = ProvenanceInfo.builder("upload");
        if (C2paPresence.in(image)) {
            // Stripping metadata breaks the upload's own manifest binding: keep it as the parent of ours.
            info.openedFrom(ProvenanceInfo.Parent.of(image, name == null ? "upload" : name, null), METADATA_EDIT,
                    "private metadata removed (EXIF, GPS, comments)");
        }
        Rendered rendered = pipeline.render(image, sniffed.mediaType(), info.build());
        String embedId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        KeyService keys = backends.activeKeys();
        EmbedFiles.Stored stored = null;
        try (DataKey key = keys.newDataKey(userId)) {
            stored = files.store(embedId, key.plaintext(), 0, rendered.renditions());
            byte[] content = EnvelopeCrypto.seal(key.plaintext(), Json.write(EmbedContent.ofUpload(name, stored,
                    keys.id(), now, rendered.fingerprint(), rendered.provenance())),
                    EnvelopeCrypto.aad(embedId, "content"));
            EmbedRecord record = new EmbedRecord(embedId, userId, EmbedRecord.IMAGE, EmbedStatus.FINISHED, keys.id(),
                    key.wrapped(), stored.backend(), content, now, now);
            store.createEmbed(record);
            EmbedRoutes.record(store, embedId, stored);
            return DefaultEmbedService.view(record);
        } catch (RuntimeException e) {
            if (stored != null) {
                files.delete(stored.backend(), stored.files().values().stream().map(StoredFile::objectKey).toList());
            }
            throw e;
        }
    }
}
