package io.karafimages.core.internal.store;

import java.time.Instant;

/**
 * A user's report about one of their embeds (artifacts, harmful content, wrong prompt), for the operators. The
 * comment is the user's own words addressed to the operators, so it is stored readable; nothing of the embed's
 * encrypted content is copied into it.
 *
 * @param comment {@code null} when the user wrote none
 */
public record ReportRecord(String id, String ownerId, String embedId, String reason, String comment,
        Instant createdAt) {
}
