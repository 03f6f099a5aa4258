package io.karafimages.storage.s3.internal;

import java.time.Duration;

import io.karafimages.testsupport.S3Proxy;

/** Store settings for the shared s3proxy server of test-support; tests adjust what they need. */
final class S3ProxySettings {
    private S3ProxySettings() {
    }

    static S3Settings settings(S3Proxy server, String bucket, String secret, int thresholdMiB, int partMiB) {
        return new S3Settings(bucket, "us-east-1", server.endpoint(), true, S3Proxy.IDENTITY, secret,
                (long) thresholdMiB * S3Settings.MIB, partMiB * S3Settings.MIB, Duration.ofSeconds(2),
                Duration.ofSeconds(30), 1, true, false);
    }

    static S3Settings settings(S3Proxy server, String bucket) {
        return settings(server, bucket, S3Proxy.CREDENTIAL, 8, 8);
    }
}
