package io.karafimages.api;

import java.util.Locale;

/** Lifecycle of a task, as in Sling's job model. Terminal states never change again. */
public enum TaskStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
