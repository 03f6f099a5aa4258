package io.karafimages.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.karafimages.api.ImagesException;

/** Reads a request body up to a limit, so an oversized request costs at most the limit in memory. */
final class BoundedBody {
    /**
     * A skill's JSON body is a few hundred bytes: two 64 KB buffers for it were over a third of what every POST
     * allocated (a JFR allocation profile of benchmarks/generate-load.sh); larger bodies grow the output.
     */
    private static final int JSON_BUFFER = 2 * 1024;
    private static final int UPLOAD_BUFFER = 64 * 1024;

    private BoundedBody() {
    }

    /** A JSON body: at most {@code limit} bytes, else 413 {@code request_too_large}; may be empty. */
    static byte[] json(InputStream in, int limit) {
        return in == null ? new byte[0] : copy(in, limit, JSON_BUFFER, "request_too_large", "The request body is "
                + "larger than " + limit / 1024 + " KB.", "The request body could not be read.", "malformed_json");
    }

    /** @throws ImagesException 413 {@code request_too_large} past {@code limit} bytes, 400 when empty */
    static byte[] read(InputStream in, int limit) {
        if (in == null) {
            throw ImagesException.invalid("unsupported_image", "The request has no body; send the image as the body.");
        }
        byte[] body = copy(in, limit, UPLOAD_BUFFER, "request_too_large", "The upload is larger than " + limit / (1024 * 1024)
                + " MB.", "The request body could not be read.", "unsupported_image");
        if (body.length == 0) {
            throw ImagesException.invalid("unsupported_image", "The request body is empty; send the image.");
        }
        return body;
    }

    private static byte[] copy(InputStream in, int limit, int bufferSize, String tooLargeCode, String tooLarge,
            String unreadable, String unreadableCode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, bufferSize));
        byte[] buffer = new byte[Math.min(limit, bufferSize)];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > limit) {
                    throw new ImagesException(tooLargeCode, 413, false, tooLarge);
                }
                out.write(buffer, 0, n);
            }
        } catch (BodyTooLargeException e) { // the servlet-level guard's count (RequestGuard) ran out first
            throw new ImagesException("request_too_large", 413, false, BodyTooLargeException.detail(e.limit()));
        } catch (IOException e) {
            throw ImagesException.invalid(unreadableCode, unreadable);
        }
        return out.toByteArray();
    }
}
