package io.karafimages.rest.internal;

import java.io.IOException;

/** Thrown by a guarded request body once more than its limit has been read (see {@link RequestGuard}). */
final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    BodyTooLargeException(long limit) {
        super("request body over " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** The 413 every oversize body gets, whichever layer noticed it. */
    static Problem problem(long limit) {
        return new Problem(413, "request_too_large", detail(limit), false);
    }

    static String detail(long limit) {
        return limit >= 1024 * 1024 ? "The request body is larger than " + limit / (1024 * 1024) + " MB."
                : "The request body is larger than " + limit / 1024 + " KB.";
    }

    /** The exception itself or the first of its causes that is one. */
    static java.util.Optional<BodyTooLargeException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof BodyTooLargeException b) {
                return java.util.Optional.of(b);
            }
        }
        return java.util.Optional.empty();
    }
}
