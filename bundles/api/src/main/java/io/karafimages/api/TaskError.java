package io.karafimages.api;

/** Why a task failed: a stable code, one plain sentence for the user, and whether retrying may help. */
public record TaskError(String code, String message, boolean retryable) {
}
