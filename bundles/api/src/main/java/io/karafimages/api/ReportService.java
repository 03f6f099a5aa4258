package io.karafimages.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reports about images (API.md "Reports"): a user tells the operators that one of their embeds shows artifacts,
 * is harmful or does not match its prompt. Operators list them with {@code images:reports}.
 *
 * @since 1.6
 */
@ProviderType
public interface ReportService {
    /** The reasons a report may give. */
    Set<String> REASONS = Set.of("artifact", "harmful", "wrong_prompt", "other");
    /** Longest comment, in characters. */
    int MAX_COMMENT = 1000;

    /**
     * Files a report about one of the user's embeds.
     *
     * @param comment optional, at most {@link #MAX_COMMENT} characters
     * @throws ImagesException 404 {@code not_found} when the embed is absent or another user's, 400
     *         {@code invalid_reason} or {@code invalid_comment}
     */
    Report report(String userId, String embedId, String reason, String comment);

    /** The newest reports of all users, at most {@code limit} (1..1000), for operators. */
    List<Report> recent(int limit);

    /** One report; {@code comment} is null when none was written. */
    record Report(String reportId, String userId, String embedId, String reason, String comment, Instant createdAt) {
    }
}
