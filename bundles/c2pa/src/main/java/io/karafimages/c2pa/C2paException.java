package io.karafimages.c2pa;

import java.util.Objects;

/**
 * Failure to read or sign an asset. Unchecked: callers decide where to handle it.
 *
 * <p>{@link #reason()} is stable and meant for programmatic handling; the message is for people.
 * Invalid arguments (a bad label, a missing title) are reported earlier, when a definition is built,
 * with {@link IllegalArgumentException} or {@link NullPointerException}.
 */
public class C2paException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /** The bytes are not a PNG, WebP, JPEG or SVG file, or the declared format does not match them. */
        UNSUPPORTED_FORMAT,
        /** The container is damaged (truncated chunk, bad segment length, missing image data). */
        MALFORMED_ASSET,
        /** An existing manifest store cannot be parsed (bad JUMBF or CBOR, no manifest in it). */
        MALFORMED_MANIFEST_STORE,
        /** Two ingredients carry different manifests under the same label. */
        INGREDIENT_CONFLICT,
        /** The signer failed or returned a signature of the wrong size. */
        SIGNING_FAILED
    }

    /** Why it failed. */
    private final Reason reason;

    /**
     * @param reason  why it failed, not {@code null}
     * @param message a human-readable explanation
     */
    public C2paException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param reason  why it failed, not {@code null}
     * @param message a human-readable explanation
     * @param cause   the underlying exception, may be {@code null}
     */
    public C2paException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the operation failed, never {@code null} */
    public Reason reason() {
        return reason;
    }
}
