package io.karafimages.provider.local.internal;

import java.util.function.BooleanSupplier;

import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.ImageProvider.ProgressListener;

/**
 * Progress and cooperative cancellation of one edit. The steps of an edit each own a slice of the 0..1 range
 * ({@link #slice}), so a step reports its own 0..1 and the listener sees one rising line. Not thread-safe: one edit
 * runs on one thread.
 */
final class EditProgress {
    private final ProgressListener listener;
    private final BooleanSupplier cancelled;
    private final double from;
    private final double span;

    EditProgress(ProgressListener listener, BooleanSupplier cancelled) {
        this(listener, cancelled, 0, 1);
    }

    private EditProgress(ProgressListener listener, BooleanSupplier cancelled, double from, double span) {
        this.listener = listener;
        this.cancelled = cancelled;
        this.from = from;
        this.span = span;
    }

    /** A view of this progress for one step that covers {@code [start, end]} of this one's range. */
    EditProgress slice(double start, double end) {
        return new EditProgress(listener, cancelled, from + start * span, (end - start) * span);
    }

    /** Throws {@link TaskCancelledException} when the owner cancelled; long loops call it every few thousand pixels. */
    void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
    }

    /** Reports {@code fraction} of this step done, after a cancellation check. */
    void report(double fraction, String message) {
        checkCancelled();
        listener.progress(from + Math.max(0, Math.min(1, fraction)) * span, message);
    }
}
