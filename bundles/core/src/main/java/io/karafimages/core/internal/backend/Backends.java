package io.karafimages.core.internal.backend;

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

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.registry.RankedServices;
import io.karafimages.spi.keys.KeyService;
import io.karafimages.spi.storage.BlobStore;

/**
 * Which blob store and key service new work uses, and the lookup of older objects by the backend id they
 * were recorded with. Follows backends as they come and go, so installing a production backend moves new
 * work to it while everything stored before stays readable as long as its backend is installed.
 */
@Component(service = Backends.class, configurationPid = "images.backends")
@Designate(ocd = Backends.Config.class)
public final class Backends {

    @ObjectClassDefinition(name = "Karaf Images: active backends",
            description = "Which installed storage and key backend new work uses. Empty: the best-ranked one.")
    public @interface Config {
        @AttributeDefinition(name = "Storage backend id", required = false,
                description = "Id of the blob store for new files, e.g. 'fs' or 's3'. Empty picks the "
                        + "installed store with the highest service.ranking.")
        String storage() default "";

        @AttributeDefinition(name = "Key backend id", required = false,
                description = "Id of the key service for new data keys, e.g. 'local' or 'vault'. Empty picks "
                        + "the installed key service with the highest service.ranking.")
        String keys() default "";
    }

    private final RankedServices<BlobStore> stores = new RankedServices<>();
    private final RankedServices<KeyService> keyServices = new RankedServices<>();
    private volatile Config config;

    @Activate
    @Modified
    public void configure(Config config) {
        this.config = config;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addBlobStore(BlobStore store, Map<String, Object> properties) {
        stores.add(store, properties);
    }

    public void removeBlobStore(BlobStore store) {
        stores.remove(store);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addKeyService(KeyService keys, Map<String, Object> properties) {
        keyServices.add(keys, properties);
    }

    public void removeKeyService(KeyService keys) {
        keyServices.remove(keys);
    }

    /** The store new files go to. */
    public BlobStore activeStore() {
        return pick(stores.all(), config.storage(), BlobStore::id)
                .orElseThrow(() -> ImagesException.unavailable("storage_unavailable",
                        "No storage backend" + named(config.storage()) + " is installed.", null, null));
    }

    /** The key service new data keys come from. */
    public KeyService activeKeys() {
        return pick(keyServices.all(), config.keys(), KeyService::id)
                .orElseThrow(() -> ImagesException.unavailable("keys_unavailable",
                        "No key backend" + named(config.keys()) + " is installed.", null, null));
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
        if (id == null || id.isBlank()) {
            return candidates.stream().findFirst();
        }
        return candidates.stream().filter(c -> id.equals(idOf.apply(c))).findFirst();
    }

    private static String named(String id) {
        return id == null || id.isBlank() ? "" : " '" + id + "'";
    }
}
