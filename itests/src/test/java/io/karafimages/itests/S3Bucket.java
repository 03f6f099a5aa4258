package io.karafimages.itests;

import java.util.Set;
import java.util.TreeSet;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import io.karafimages.testsupport.S3Proxy;

/** Looks at one bucket of the test's s3proxy with a plain AWS SDK client, from outside the runtime. */
final class S3Bucket implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;

    S3Bucket(S3Proxy server, String bucket) {
        this.bucket = bucket;
        this.s3 = S3Client.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Proxy.IDENTITY, S3Proxy.CREDENTIAL)))
                .build();
    }

    /** The keys of every object in the bucket (none when it does not exist yet). */
    Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        try {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
        } catch (NoSuchBucketException e) {
            return Set.of();
        }
        return keys;
    }

    String contentType(String key) {
        return s3.headObject(b -> b.bucket(bucket).key(key)).contentType();
    }

    byte[] bytes(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    @Override
    public void close() {
        s3.close();
    }
}
