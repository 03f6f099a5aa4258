package io.karafimages.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The one unchecked exception of the product. Its {@link #code()} is a stable snake_case identifier
 * that clients may switch on; {@link #httpStatus()} is how the REST layer answers it and
 * {@link #retryable()} tells the task engine (and clients) whether trying again can help.
 */
public class ImagesException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;
    private final boolean retryable;
    private final Duration retryAfter;

    public ImagesException(String code, int httpStatus, boolean retryable, String message) {
        this(code, httpStatus, retryable, message, null, null);
    }

    public ImagesException(String code, int httpStatus, boolean retryable, String message, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Stable snake_case error code, never {@code null}. */
    public String code() {
        return code;
    }

    /** HTTP status the REST layer answers with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same request may succeed later without change. */
    public boolean retryable() {
        return retryable;
    }

    /** How long the caller should wait before retrying, when the cause says so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * What an end user may be told. The failures of the operator's own backends (codes {@code keys_*} and
     * {@code storage_*} with a 5xx status) carry configuration detail meant for the operator's log (Transit
     * mounts, bucket names, property names, the backend's own error text); users get a sentence that says what
     * failed and whether to try again. Every other message is written for users and returned as it is.
     */
    public String publicMessage() {
        boolean keys = code.startsWith("keys_");
        if (httpStatus < 500 || !keys && !code.startsWith("storage_")) {
            return getMessage();
        }
        String what = keys ? "The key service" : "File storage";
        return retryable ? what + " is unavailable right now; try again later."
                : what + " failed because of a server configuration problem; the operators can find it in the log.";
    }

    /** Input that the caller must fix: HTTP 400 with a code that says what. */
    public static ImagesException invalid(String code, String message) {
        return new ImagesException(code, 400, false, message);
    }

    /** A resource that does not exist or belongs to somebody else: HTTP 404. */
    public static ImagesException notFound(String what) {
        return new ImagesException("not_found", 404, false, what + " not found");
    }

    /** The request conflicts with the resource's current state: HTTP 409. */
    public static ImagesException conflict(String code, String message) {
        return new ImagesException(code, 409, false, message);
    }

    /** A backend (storage, keys, database) cannot serve now: HTTP 503, retryable. */
    public static ImagesException unavailable(String code, String message, Duration retryAfter, Throwable cause) {
        return new ImagesException(code, 503, true, message, retryAfter, cause);
    }
}
