package io.karafimages.api;

import java.util.Locale;
import java.util.Optional;

/** Lifecycle of a task, as in Sling's job model. Terminal states never change again. */
public enum TaskStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The state with this wire name ({@code queued}, ...), if any.
     *
     * @since 1.5
     */
    public static Optional<TaskStatus> parse(String wire) {
        for (TaskStatus s : values()) {
            if (s.wireName().equals(wire)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
