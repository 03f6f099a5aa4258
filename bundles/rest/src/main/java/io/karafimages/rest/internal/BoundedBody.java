package io.karafimages.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.karafimages.api.ImagesException;

/** Reads a request body up to a limit, so an oversized upload costs at most the limit in memory. */
final class BoundedBody {
    private BoundedBody() {
    }

    /** @throws ImagesException 413 {@code image_too_large} past {@code limit} bytes, 400 when empty */
    static byte[] read(InputStream in, int limit) {
        if (in == null) {
            throw ImagesException.invalid("unsupported_image", "The request has no body; send the image as the body.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        byte[] buffer = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > limit) {
                    throw new ImagesException("image_too_large", 413, false, "The upload is larger than "
                            + limit / (1024 * 1024) + " MB.");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ImagesException.invalid("unsupported_image", "The request body could not be read.");
        }
        if (out.size() == 0) {
            throw ImagesException.invalid("unsupported_image", "The request body is empty; send the image.");
        }
        return out.toByteArray();
    }
}
