package io.karafimages.storage.s3.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.storage.BlobStore;

/**
 * Blobs as objects in one S3 bucket, written with the AWS SDK v2 over the JDK's HTTP client. Reads stream from
 * the connection, writes hold at most one part in memory, and a failed write leaves no object behind.
 * Thread-safe: the SDK client is.
 */
@Component(service = BlobStore.class, configurationPid = "images.storage.s3",
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=100")
@Designate(ocd = S3StoreConfig.class)
public final class S3BlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    private static final int MAX_KEY_BYTES = 1024;

    private final S3Settings settings;
    private final S3Connection connection;
    private final S3Uploads uploads;
    /** Whether the bucket is known to exist; checked again on the next write while false. */
    private volatile boolean bucketReady;

    @Activate
    public S3BlobStore(S3StoreConfig config) {
        this(S3Settings.from(config));
    }

    /**
     * Connects and makes sure the bucket exists. An unreachable S3 does not fail activation: the store
     * registers, answers 503 until S3 is back, and checks the bucket again on the next write.
     */
    public S3BlobStore(S3Settings settings) {
        this.settings = settings;
        this.connection = S3Connection.open(settings);
        this.uploads = new S3Uploads(connection.s3, settings);
        try {
            ensureBucket();
        } catch (ImagesException e) {
            LOG.warn("S3 bucket '{}' could not be checked at activation: {}", settings.bucket(), e.getMessage());
        }
    }

    @Deactivate
    public void close() {
        connection.close();
    }

    @Override
    public String id() {
        return "s3";
    }

    @Override
    public void put(String key, InputStream data, long length) {
        checkKey(key);
        if (!bucketReady) {
            ensureBucket();
        }
        uploads.put(key, data, length);
    }

    @Override
    public InputStream open(String key) {
        checkKey(key);
        try {
            // the response stream reads from the connection as the caller reads: memory does not grow with size
            return connection.s3.getObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            throw S3Errors.map(e, settings.bucket());
        }
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        try {
            connection.s3.deleteObject(b -> b.bucket(settings.bucket()).key(key));
        } catch (SdkException e) {
            ImagesException mapped = S3Errors.map(e, settings.bucket());
            if (mapped.httpStatus() != 404) {
                throw mapped;
            }
        }
    }

    @Override
    public String health() {
        try {
            connection.s3.headBucket(b -> b.bucket(settings.bucket()));
            return "up";
        } catch (SdkException e) {
            return S3Errors.health(e, settings.bucket());
        }
    }

    private void ensureBucket() {
        try {
            connection.s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (NoSuchBucketException e) {
            createBucket(e);
        } catch (S3Exception e) {
            // HEAD answers carry no error body: a bare 404 is a missing bucket
            if (e.statusCode() != 404) {
                throw S3Errors.map(e, settings.bucket());
            }
            createBucket(e);
        } catch (SdkException e) {
            throw S3Errors.map(e, settings.bucket());
        }
        bucketReady = true;
    }

    private void createBucket(S3Exception missing) {
        if (!settings.createBucket()) {
            throw S3Errors.map(NoSuchBucketException.builder().message(missing.getMessage()).statusCode(404)
                    .build(), settings.bucket());
        }
        try {
            connection.s3.createBucket(b -> {
                b.bucket(settings.bucket());
                // us-east-1 is the default location and AWS refuses it as an explicit constraint
                if (settings.endpoint() == null && !"us-east-1".equals(settings.region())) {
                    b.createBucketConfiguration(c -> c.locationConstraint(settings.region()));
                }
            });
            LOG.info("Created S3 bucket '{}'", settings.bucket());
        } catch (BucketAlreadyOwnedByYouException e) {
            // created concurrently by another node: fine
        } catch (SdkException e) {
            throw S3Errors.map(e, settings.bucket());
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("Object keys must be 1-1024 bytes");
        }
    }
}
