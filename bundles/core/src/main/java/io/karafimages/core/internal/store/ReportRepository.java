package io.karafimages.core.internal.store;

import java.util.List;

/**
 * Reports users filed about their embeds, shared by every node on the database.
 */
public interface ReportRepository {
    void createReport(ReportRecord report);

    /** Reports newest first (ties by id), at most {@code limit}; only those of {@code ownerId} when not null. */
    List<ReportRecord> reports(String ownerId, int limit);
}
