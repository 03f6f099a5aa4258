package io.karafimages.storage.s3.internal;

import java.time.Duration;
import java.util.Set;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import io.karafimages.api.ImagesException;

/** Turns SDK failures into the product's errors: retryable 503s for faults, clear messages for misconfiguration. */
final class S3Errors {
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** S3 error codes that mean "try again later" even though their HTTP status is 4xx. */
    private static final Set<String> TRANSIENT_CODES = Set.of("RequestTimeout", "SlowDown", "InternalError",
            "ServiceUnavailable", "OperationAborted");

    private S3Errors() {
    }

    static ImagesException map(SdkException e, String bucket) {
        if (!(e instanceof S3Exception s3)) {
            return unavailable("The S3 store cannot be reached or did not answer in time.", e);
        }
        int status = s3.statusCode();
        String code = errorCode(s3);
        if (s3 instanceof NoSuchKeyException || "NoSuchKey".equals(code)) {
            return ImagesException.notFound("Stored object");
        }
        if (status == 401 || status == 403) {
            return accessDenied(code, bucket, e);
        }
        if (s3 instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
            return new ImagesException("storage_misconfigured", 500, false,
                    "The S3 bucket '" + bucket + "' does not exist.", null, e);
        }
        if (status >= 500 || status == 429 || status == 408 || TRANSIENT_CODES.contains(code)) {
            return unavailable("The S3 store is temporarily unable to serve requests (" + describe(code, status)
                    + ").", e);
        }
        return new ImagesException("storage_rejected", 500, false,
                "The S3 store rejected the request (" + describe(code, status) + ").", null, e);
    }

    static ImagesException unavailable(String message, Throwable cause) {
        return ImagesException.unavailable("storage_unavailable", message, RETRY_AFTER, cause);
    }

    /** A short reason for the health endpoint. */
    static String health(SdkException e, String bucket) {
        ImagesException mapped = map(e, bucket);
        return switch (mapped.code()) {
            case "storage_access_denied" -> "down: access denied by S3 (check access.key.id / .secret.access.key "
                    + "and the bucket permissions)";
            case "storage_misconfigured", "not_found" -> "down: bucket '" + bucket + "' does not exist";
            case "storage_unavailable" -> "down: S3 unreachable (" + rootMessage(e) + ")";
            default -> "down: " + mapped.getMessage();
        };
    }

    private static ImagesException accessDenied(String code, String bucket, Throwable cause) {
        String message = switch (code == null ? "" : code) {
            case "InvalidAccessKeyId" -> "S3 does not know the configured access key (InvalidAccessKeyId): check "
                    + "access.key.id in images.storage.s3.";
            case "SignatureDoesNotMatch" -> "S3 rejected the request signature (SignatureDoesNotMatch): the "
                    + "secret access key (.secret.access.key) in images.storage.s3 is wrong.";
            default -> "S3 denied access to bucket '" + bucket + "' (" + (code == null ? "HTTP 403" : code)
                    + "): check access.key.id and .secret.access.key in images.storage.s3 (or the machine's "
                    + "IAM role) and that they may use this bucket.";
        };
        return new ImagesException("storage_access_denied", 500, false, message, null, cause);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static String describe(String code, int status) {
        return code == null ? "HTTP " + status : code + ", HTTP " + status;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
