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
            throw new IllegalArgumentException("images.storage.s3: set both access.key.id and .secret.access.key, "
                    + "or leave both empty to use the default credentials chain");
        }
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("images.storage.s3: part.size.mb must be at least 5 (the S3 minimum)");
        }
        if (multipartThreshold > 1024L * MIB || partSize > 1024 * MIB) {
            throw new IllegalArgumentException("images.storage.s3: multipart.threshold.mb and part.size.mb must be "
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
                c.endpoint().isBlank() ? null : URI.create(c.endpoint().trim()), c.path_style_access(),
                c.access_key_id().trim(), c._secret_access_key().trim(), (long) c.multipart_threshold_mb() * MIB,
                Math.multiplyExact(c.part_size_mb(), MIB), Duration.ofSeconds(c.connect_timeout_seconds()),
                Duration.ofSeconds(c.read_timeout_seconds()), c.max_retries(), c.create_bucket(),
                checksums.equals("when_required"));
    }

    boolean staticCredentials() {
        return !accessKeyId.isBlank();
    }
}
