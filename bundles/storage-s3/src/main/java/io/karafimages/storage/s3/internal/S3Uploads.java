package io.karafimages.storage.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import io.karafimages.api.ImagesException;

/**
 * Writes objects: one PUT up to the multipart threshold, a multipart upload above it. At most one part is held
 * in memory at a time. A multipart upload that fails is aborted, so S3 never shows a partial object.
 */
final class S3Uploads {
    static final String CONTENT_TYPE = "application/octet-stream";
    private static final Logger LOG = LoggerFactory.getLogger(S3Uploads.class);
    private static final int MAX_PARTS = 10_000;

    private final S3Client s3;
    private final S3Settings settings;

    S3Uploads(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    /** @param length the exact number of bytes {@code data} yields, or -1 when unknown */
    void put(String key, InputStream data, long length) {
        if (length >= 0 && length <= settings.multipartThreshold()) {
            putSingle(key, data, (int) length);
        } else {
            putMultipart(key, data, length);
        }
    }

    private void putSingle(String key, InputStream data, int length) {
        byte[] body = read(data, length);
        if (body.length != length || !atEnd(data)) {
            throw lengthMismatch(length);
        }
        try {
            s3.putObject(b -> b.bucket(settings.bucket()).key(key).contentType(CONTENT_TYPE)
                    .contentLength((long) length), body(body, length));
        } catch (SdkException e) {
            throw S3Errors.map(e, settings.bucket());
        }
    }

    private void putMultipart(String key, InputStream data, long length) {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> {
                b.bucket(settings.bucket()).key(key).contentType(CONTENT_TYPE);
                if (!settings.checksumsWhenRequired()) {
                    b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                }
            }).uploadId();
        } catch (SdkException e) {
            throw S3Errors.map(e, settings.bucket());
        }
        try {
            List<CompletedPart> parts = uploadParts(key, uploadId, data, length);
            s3.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw e instanceof SdkException sdk ? S3Errors.map(sdk, settings.bucket()) : e;
        }
    }

    private List<CompletedPart> uploadParts(String key, String uploadId, InputStream data, long length) {
        int partSize = partSize(length);
        byte[] buffer = new byte[partSize];
        List<CompletedPart> parts = new ArrayList<>();
        long total = 0;
        int n;
        do {
            n = read(data, buffer);
            if (n == 0 && !parts.isEmpty()) {
                break;
            }
            int partNumber = parts.size() + 1;
            int size = n;
            UploadPartResponse r = s3.uploadPart(b -> {
                b.bucket(settings.bucket()).key(key).uploadId(uploadId).partNumber(partNumber)
                        .contentLength((long) size);
                if (!settings.checksumsWhenRequired()) {
                    b.checksumAlgorithm(ChecksumAlgorithm.CRC32);
                }
            }, body(buffer, size));
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).checksumCRC32(r.checksumCRC32())
                    .build());
            total += size;
        } while (n == partSize);
        if (length >= 0 && total != length) {
            throw lengthMismatch(length);
        }
        return parts;
    }

    /** The configured part size, raised when the object would otherwise need more than 10,000 parts. */
    private int partSize(long length) {
        long needed = length < 0 ? 0 : (length + MAX_PARTS - 1) / MAX_PARTS;
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(settings.partSize(), needed));
    }

    private void abort(String key, String uploadId, Exception failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // S3 deletes the stored parts when a lifecycle rule for incomplete uploads exists; say so in the log.
            LOG.warn("Could not abort multipart upload {} of {} after a failed write; its parts stay billed until "
                    + "a lifecycle rule for incomplete uploads removes them", uploadId, key, e);
            failure.addSuppressed(e);
        }
    }

    private static RequestBody body(byte[] bytes, int length) {
        // fromContentProvider does not copy the array, and can replay it when the SDK retries
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                CONTENT_TYPE);
    }

    private static byte[] read(InputStream data, int length) {
        try {
            return data.readNBytes(length);
        } catch (IOException e) {
            throw inputFailed(e);
        }
    }

    private static int read(InputStream data, byte[] buffer) {
        try {
            return data.readNBytes(buffer, 0, buffer.length);
        } catch (IOException e) {
            throw inputFailed(e);
        }
    }

    private static boolean atEnd(InputStream data) {
        try {
            return data.read() < 0;
        } catch (IOException e) {
            throw inputFailed(e);
        }
    }

    private static ImagesException inputFailed(IOException e) {
        return S3Errors.unavailable("The object could not be stored: reading its data failed.", e);
    }

    private static IllegalArgumentException lengthMismatch(long length) {
        return new IllegalArgumentException("The data stream did not hold exactly the announced " + length
                + " bytes; nothing was stored");
    }
}
