package io.karafimages.storage.s3.internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The S3 client and the resources it was built with; {@link #close()} releases all of them (the SDK does not
 * close an HTTP client or credentials provider it was handed).
 */
final class S3Connection implements AutoCloseable {
    final S3Client s3;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;

    private S3Connection(S3Client s3, SdkHttpClient http, AwsCredentialsProvider credentials) {
        this.s3 = s3;
        this.http = http;
        this.credentials = credentials;
    }

    static S3Connection open(S3Settings settings) {
        // Inside OSGi the thread context class loader is the caller's: let the SDK see its own embedded jars
        // while it looks up optional parts (credential providers, checksum and endpoint rules).
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(S3Connection.class.getClassLoader());
        try {
            SdkHttpClient http = UrlConnectionHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.readTimeout())
                    .build();
            AwsCredentialsProvider credentials = settings.staticCredentials()
                    ? StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()))
                    : DefaultCredentialsProvider.builder().build();
            S3ClientBuilder builder = S3Client.builder()
                    .httpClient(http)
                    .region(Region.of(settings.region()))
                    .credentialsProvider(credentials)
                    .forcePathStyle(settings.pathStyle())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(settings.maxRetries() + 1).build()));
            if (settings.checksumsWhenRequired()) {
                builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            }
            if (settings.endpoint() != null) {
                builder.endpointOverride(settings.endpoint());
            }
            return new S3Connection(builder.build(), http, credentials);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        s3.close();
        http.close();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
