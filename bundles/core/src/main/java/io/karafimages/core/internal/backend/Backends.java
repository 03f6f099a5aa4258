package io.karafimages.core.internal.backend;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.registry.RankedServices;
import io.karafimages.spi.keys.KeyService;
import io.karafimages.spi.storage.BlobStore;

/**
 * Which blob store and key service new work uses, and the lookup of older objects by the backend id they
 * were recorded with. Unpinned, it follows backends as they come and go, so installing a production backend
 * moves new work to it while everything stored before stays readable as long as its backend is installed.
 * Pinned ({@code storage} / {@code keys} set), it uses that backend or none: while the pinned backend is
 * missing, new work is refused with 503 and never sent to another backend (a Vault or S3 component that failed
 * to start must not turn into local keys or local disk).
 */
@Component(service = Backends.class, configurationPid = "images.backends")
@Designate(ocd = Backends.Config.class)
public final class Backends {

    @ObjectClassDefinition(name = "Karaf Images: active backends",
            description = "Which installed storage and key backend new work uses. Empty: the best-ranked one. "
                    + "Set both in production: a pinned backend that is missing makes the runtime not ready and "
                    + "refuses new work (503) instead of falling back to local keys or local disk.")
    public @interface Config {
        @AttributeDefinition(name = "Storage backend id", required = false,
                description = "Id of the blob store for new files, e.g. 'fs' or 's3'. Empty picks the "
                        + "installed store with the highest service.ranking, and falls back to a lower-ranked one "
                        + "when that one goes away.")
        String storage() default "";

        @AttributeDefinition(name = "Key backend id", required = false,
                description = "Id of the key service for new data keys, e.g. 'local' or 'vault'. Empty picks "
                        + "the installed key service with the highest service.ranking, and falls back to a "
                        + "lower-ranked one when that one goes away.")
        String keys() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private final RankedServices<BlobStore> stores = new RankedServices<>();
    private final RankedServices<KeyService> keyServices = new RankedServices<>();
    private volatile Config config;

    @Activate
    @Modified
    public void configure(Config config) {
        this.config = config;
        if (isBlank(config.storage()) || isBlank(config.keys())) {
            LOG.info("images.backends does not pin {}: new work goes to the best-ranked installed backend, and "
                    + "to a lower-ranked one if that one fails to start", isBlank(config.storage())
                            ? isBlank(config.keys()) ? "storage and keys" : "storage" : "keys");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addBlobStore(BlobStore store, Map<String, Object> properties) {
        stores.add(store, properties);
    }

    public void removeBlobStore(BlobStore store) {
        boolean wasActive = stores.first().filter(s -> s == store).isPresent();
        stores.remove(store);
        if (wasActive && config != null && isBlank(config.storage())) {
            stores.first().ifPresent(next -> LOG.warn("Storage backend '{}' went away; new files now go to '{}'. "
                    + "Pin images.backends storage to refuse new work instead.", store.id(), next.id()));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addKeyService(KeyService keys, Map<String, Object> properties) {
        keyServices.add(keys, properties);
    }

    public void removeKeyService(KeyService keys) {
        boolean wasActive = keyServices.first().filter(k -> k == keys).isPresent();
        keyServices.remove(keys);
        if (wasActive && config != null && isBlank(config.keys())) {
            keyServices.first().ifPresent(next -> LOG.warn("Key backend '{}' went away; new data keys now come from "
                    + "'{}'. Pin images.backends keys to refuse new work instead.", keys.id(), next.id()));
        }
    }

    /**
     * The store new files go to: the pinned one, else the best-ranked one.
     *
     * @throws ImagesException 503 {@code storage_unavailable} when the pinned store (or any store) is missing
     */
    public BlobStore activeStore() {
        return pick(stores.all(), config.storage(), BlobStore::id)
                .orElseThrow(() -> missing("storage_unavailable", "storage", config.storage()));
    }

    /**
     * The key service new data keys come from: the pinned one, else the best-ranked one.
     *
     * @throws ImagesException 503 {@code keys_unavailable} when the pinned service (or any service) is missing
     */
    public KeyService activeKeys() {
        return pick(keyServices.all(), config.keys(), KeyService::id)
                .orElseThrow(() -> missing("keys_unavailable", "key", config.keys()));
    }

    /** The store that holds objects recorded with this backend id. */
    public BlobStore store(String id) {
        return pick(stores.all(), id, BlobStore::id).filter(s -> s.id().equals(id))
                .orElseThrow(() -> ImagesException.unavailable("storage_unavailable",
                        "The storage backend '" + id + "' that holds this file is not installed.", null, null));
    }

    /** The key service that wrapped keys recorded with this backend id. */
    public KeyService keys(String id) {
        return pick(keyServices.all(), id, KeyService::id).filter(k -> k.id().equals(id))
                .orElseThrow(() -> ImagesException.unavailable("keys_unavailable",
                        "The key backend '" + id + "' that wrapped this key is not installed.", null, null));
    }

    public List<BlobStore> stores() {
        return stores.all();
    }

    public List<KeyService> keyServices() {
        return keyServices.all();
    }

    private static <T> Optional<T> pick(List<T> candidates, String id, java.util.function.Function<T, String> idOf) {
        boolean any = id == null || id.isBlank();
        for (T c : candidates) { // a loop, not a stream: this runs on every download
            if (any || id.equals(idOf.apply(c))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static ImagesException missing(String code, String kind, String pinned) {
        String message = isBlank(pinned) ? "No " + kind + " backend is installed."
                : "The " + kind + " backend '" + pinned + "' that this runtime is pinned to is not available; new "
                        + "work waits for it rather than going to another backend.";
        return ImagesException.unavailable(code, message, RETRY_AFTER, null);
    }

    private static boolean isBlank(String id) {
        return id == null || id.isBlank();
    }
}
