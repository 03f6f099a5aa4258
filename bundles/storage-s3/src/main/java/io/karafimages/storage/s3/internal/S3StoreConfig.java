package io.karafimages.storage.s3.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of PID {@code images.storage.s3} (file {@code etc/images.storage.s3.cfg}). As everywhere in the
 * product, an underscore in a method name is a dot in the key: {@code access_key_id()} is {@code access.key.id}.
 * The secret's key starts with a dot ({@code .secret.access.key}, method {@code _secret_access_key()}):
 * Declarative Services keeps such private properties off the service registration, where every bundle could
 * read them.
 */
@ObjectClassDefinition(id = "images.storage.s3", name = "Karaf Images: S3 storage",
        description = "Keeps the encrypted image files in an S3 bucket (AWS S3 or an S3-compatible store such as "
                + "MinIO, Ceph RGW or s3proxy). The store exists only while this configuration exists; it registers "
                + "with service.ranking 100, above the file-system default (-100), so new files go to S3 as soon as "
                + "it is configured. Files written earlier stay readable from the store that holds them. When S3 "
                + "cannot be reached the store stays registered and answers 503 storage_unavailable (retryable): "
                + "it never falls back to local files silently.")
public @interface S3StoreConfig {
    @AttributeDefinition(name = "Bucket",
            description = "Bucket that holds the objects. Objects are stored under the opaque keys the core "
                    + "chooses, with content type application/octet-stream (they are ciphertext).")
    String bucket() default "chatfiles";

    @AttributeDefinition(name = "Region",
            description = "AWS region of the bucket, e.g. eu-central-1. S3-compatible stores usually accept "
                    + "us-east-1.")
    String region() default "us-east-1";

    @AttributeDefinition(name = "Endpoint override", required = false,
            description = "Base URL of an S3-compatible store, e.g. https://minio.internal:9000. Empty: the AWS "
                    + "endpoint of the region.")
    String endpoint() default "";

    @AttributeDefinition(name = "Path-style access",
            description = "true: address the bucket as <endpoint>/<bucket>/<key> (needed by most S3-compatible "
                    + "stores); false: virtual-hosted style <bucket>.<endpoint> as AWS prefers.")
    boolean path_style_access() default false;

    @AttributeDefinition(name = "Access key id", required = false,
            description = "Static access key id. Write it as a placeholder, e.g. $[env:S3_ACCESS_KEY_ID]. Leave "
                    + "both keys empty to use the AWS SDK default credentials chain (environment variables "
                    + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, system properties, ~/.aws profiles, container or "
                    + "EC2 instance role).")
    String access_key_id() default "";

    @AttributeDefinition(name = "Secret access key", required = false, type = AttributeType.PASSWORD,
            description = "Static secret key, under the key .secret.access.key (the leading dot keeps it off the "
                    + "OSGi service properties). Never write the literal: use $[secret:s3_secret.access.key] or "
                    + "$[env:S3_SECRET_ACCESS_KEY]. Must be set together with the access key id, or both empty.")
    String _secret_access_key() default "";

    @AttributeDefinition(name = "Multipart threshold (MiB)",
            description = "Objects up to this size are sent in one PUT, larger ones as a multipart upload. The "
                    + "single PUT is held in memory while it is sent (the JDK HTTP client buffers request bodies), "
                    + "so memory per concurrent upload is about twice the larger of this and the part size.")
    int multipart_threshold_mb() default 8;

    @AttributeDefinition(name = "Part size (MiB)",
            description = "Size of each multipart part, at least 5 (the S3 minimum). Larger parts mean fewer "
                    + "requests but more memory per upload; it is raised automatically when an object would "
                    + "otherwise need more than 10,000 parts. A failed upload is aborted, so no partial object "
                    + "ever becomes visible.")
    int part_size_mb() default 8;

    @AttributeDefinition(name = "Connect timeout (s)", description = "Time allowed to open a connection to S3.")
    int connect_timeout_seconds() default 5;

    @AttributeDefinition(name = "Read timeout (s)",
            description = "Longest silence allowed while waiting for S3 to send or accept data.")
    int read_timeout_seconds() default 30;

    @AttributeDefinition(name = "Max retries",
            description = "Retries of a failed request (network errors, 5xx, throttling) with exponential backoff, "
                    + "before the caller gets 503 storage_unavailable. 0 disables retries.")
    int max_retries() default 3;

    @AttributeDefinition(name = "Create bucket",
            description = "Create the bucket at activation (or at the first write, when S3 was unreachable at "
                    + "activation) if it does not exist. Needs the s3:CreateBucket permission; set false when the "
                    + "bucket is managed elsewhere, e.g. by Terraform.")
    boolean create_bucket() default true;

    @AttributeDefinition(name = "Checksums",
            description = "when_supported: the SDK adds CRC32 checksums to every upload and checks them on "
                    + "download (AWS default). when_required: only where S3 demands them; use it for "
                    + "S3-compatible stores that reject aws-chunked uploads with trailing checksums.",
            options = {
                    @Option(label = "when_supported", value = "when_supported"),
                    @Option(label = "when_required", value = "when_required") })
    String checksums() default "when_supported";
}
