package io.karafimages.api;

import java.util.Locale;

/** Lifecycle of an embed; follows its task. */
public enum EmbedStatus {
    PROCESSING, FINISHED, ERROR, CANCELLED;

    /** The lower-case name used on the wire. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
