package io.karafimages.api;

/**
 * The product's own stable error codes, for clients and skill authors to compare against. Skills may define
 * further codes of their own (snake_case).
 */
public final class ErrorCodes {
    /** The task was cancelled by its owner (a task state, not a failure). */
    public static final String CANCELLED = "cancelled";
    public static final String INTERNAL_ERROR = "internal_error";
    public static final String WORKER_LOST = "worker_lost";
    public static final String SKILL_UNAVAILABLE = "skill_unavailable";
    public static final String UNKNOWN_SKILL = "unknown_skill";
    public static final String UNKNOWN_FIELD = "unknown_field";
    public static final String MALFORMED_JSON = "malformed_json";
    public static final String NOT_FOUND = "not_found";
    public static final String EMBED_NOT_READY = "embed_not_ready";
    public static final String IMAGE_TOO_LARGE = "image_too_large";
    public static final String UNSUPPORTED_IMAGE = "unsupported_image";
    public static final String MASK_EMPTY = "mask_empty";
    public static final String MASK_SIZE_MISMATCH = "mask_size_mismatch";
    public static final String INVALID_MASK = "invalid_mask";
    /** A masked operation got no mask. */
    public static final String MASK_REQUIRED = "mask_required";
    public static final String PROMPT_REQUIRED = "prompt_required";
    /** The image is below a provider's minimum side (Recraft: 256 px). */
    public static final String IMAGE_TOO_SMALL = "image_too_small";
    /** A skill's input does not fit its type as a whole (its constructor refused it). */
    public static final String INVALID_INPUT = "invalid_input";
    public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
    public static final String PROVIDER_REFUSED = "provider_refused";
    public static final String PROVIDER_BAD_OUTPUT = "provider_bad_output";
    public static final String OPERATION_NOT_SUPPORTED = "operation_not_supported";

    /** A list's {@code limit} is outside 1..100. */
    public static final String INVALID_LIMIT = "invalid_limit";
    /** A list's {@code cursor} was not made by that list. */
    public static final String INVALID_CURSOR = "invalid_cursor";
    /** A task list's {@code status} is not a task state. */
    public static final String INVALID_STATUS = "invalid_status";

    private ErrorCodes() {
    }
}
