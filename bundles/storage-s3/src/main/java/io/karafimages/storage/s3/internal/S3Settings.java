package io.karafimages.storage.s3.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Validated settings of the S3 store, built from {@link S3StoreConfig} or directly by tests.
 *
 * @param endpoint {@code null} for the AWS endpoint of the region
 * @param accessKeyId empty (with an empty secret) for the SDK default credentials chain
 */
public record S3Settings(String bucket, String region, URI endpoint, boolean pathStyle, String accessKeyId,
        String secretAccessKey, long multipartThreshold, int partSize, Duration connectTimeout, Duration readTimeout,
        int maxRetries, boolean createBucket, boolean checksumsWhenRequired) {
    static final int MIB = 1024 * 1024;
    /** S3 refuses parts smaller than 5 MiB, except the last one. */
    static final int MIN_PART_SIZE = 5 * MIB;

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("images.storage.s3: 'bucket' must not be empty");
        }
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("images.storage.s3: 'region' must not be empty");
        }
        if (accessKeyId.isBlank() != secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("images.storage.s3: set both access_key_id and .secret_access_key, "
                    + "or leave both empty to use the default credentials chain");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("images.storage.s3: part_size_mb must be at least 5 (the S3 minimum)");
        }
        if (multipartThreshold > 1024L * MIB || partSize > 1024 * MIB) {
            throw new IllegalArgumentException("images.storage.s3: multipart_threshold_mb and part_size_mb must be "
                    + "at most 1024 (they are held in memory)");
        }
        if (multipartThreshold < 0 || maxRetries < 0) {
            throw new IllegalArgumentException("images.storage.s3: sizes and retries must not be negative");
        }
    }

    static S3Settings from(S3StoreConfig c) {
        String checksums = c.checksums().trim().toLowerCase(Locale.ROOT);
        if (!checksums.equals("when_supported") && !checksums.equals("when_required")) {
            throw new IllegalArgumentException("images.storage.s3: checksums must be when_supported or when_required");
        }
        return new S3Settings(c.bucket().trim(), c.region().trim(),
                c.endpoint().isBlank() ? null : URI.create(c.endpoint().trim()), c.path__style__access(),
                c.access__key__id().trim(), c._secret__access__key().trim(), (long) c.multipart__threshold__mb() * MIB,
                Math.multiplyExact(c.part__size__mb(), MIB), Duration.ofSeconds(c.connect__timeout__seconds()),
                Duration.ofSeconds(c.read__timeout__seconds()), c.max__retries(), c.create__bucket(),
                checksums.equals("when_required"));
    }

    boolean staticCredentials() {
        return !accessKeyId.isBlank();
    }
}
