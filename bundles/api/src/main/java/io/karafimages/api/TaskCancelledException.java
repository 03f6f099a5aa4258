package io.karafimages.api;

/**
 * Thrown inside a running task when its owner cancelled it; the engine records the task as cancelled, not failed.
 */
public class TaskCancelledException extends ImagesException {
    private static final long serialVersionUID = 1L;

    public TaskCancelledException() {
        super(ErrorCodes.CANCELLED, 409, false, "The task was cancelled.");
    }
}
