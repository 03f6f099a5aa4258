package io.karafimages.spi.store;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reports users filed about their embeds, shared by every node on the database.
 *
 * @since 3.5
 */
@ProviderType
public interface ReportStore {
    void createReport(ReportRecord report);

    /** Reports newest first (ties by id), at most {@code limit}; only those of {@code ownerId} when not null. */
    List<ReportRecord> reports(String ownerId, int limit);
}
