package io.karafimages.storage.fs.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.storage.BlobStore;

/**
 * Blobs as files under {@code data/images/blobs}, sharded by the first characters of the key. Writes go to a
 * temporary file that is moved into place atomically, so readers never see a partial object; a stream that does
 * not hold exactly the announced length is refused before the move. Thread-safe: it keeps no state besides the
 * root directory.
 */
@Component(service = BlobStore.class, configurationPid = "images.storage.fs",
        property = "service.ranking:Integer=-100")
@Designate(ocd = FsBlobStore.Config.class)
public final class FsBlobStore implements BlobStore {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{8,128}");

    @ObjectClassDefinition(name = "Karaf Images: file-system storage",
            description = "Encrypted image files in a local directory (the embedded default).")
    public @interface Config {
        @AttributeDefinition(name = "Directory", required = false,
                description = "Where objects are kept. Empty: ${karaf.data}/images/blobs.")
        String directory() default "";
    }

    private final Path root;

    @Activate
    public FsBlobStore(Config config) {
        this(config.directory().isBlank() ? Path.of(System.getProperty("karaf.data", "data"), "images", "blobs")
                : Path.of(config.directory()));
    }

    public FsBlobStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** Files on this node's disk. */
    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public String id() {
        return "fs";
    }

    @Override
    public void put(String key, InputStream data, long length) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                long copied = Files.copy(data, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (length >= 0 && copied != length) {
                    // checked before the move: a truncated (or overlong) stream must not become the object
                    throw new IllegalArgumentException("The data stream held " + copied + " bytes, not the announced "
                            + length + "; nothing was stored");
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(path(key));
        } catch (NoSuchFileException e) {
            throw ImagesException.notFound("Stored object");
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(path(key));
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String health() {
        return Files.isWritable(root) || !Files.exists(root) ? "up" : "down: " + root + " is not writable";
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Object keys are 8-128 characters of [A-Za-z0-9_-]");
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }

    private static ImagesException unavailable(IOException e) {
        return ImagesException.unavailable("storage_unavailable", "The file store cannot be written or read.",
                Duration.ofSeconds(5), e);
    }
}
