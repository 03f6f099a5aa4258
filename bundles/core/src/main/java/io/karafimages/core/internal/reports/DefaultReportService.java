package io.karafimages.core.internal.reports;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.ImagesException;
import io.karafimages.api.ReportService;
import io.karafimages.core.internal.store.ReportRecord;
import io.karafimages.core.internal.store.ReportRepository;
import io.karafimages.core.internal.store.EmbedRepository;

/**
 * Reports about embeds: checked (the reporter's own embed, a known reason, a short plain comment), stored for
 * the operators. Another user's embed is not found, as everywhere else. Thread-safe.
 */
@Component(service = ReportService.class)
public final class DefaultReportService implements ReportService {
    /** Control characters other than line feed and tab: forged log or shell lines, invisible text. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    private final EmbedRepository embeds;
    private final ReportRepository reports;

    @Activate
    public DefaultReportService(@Reference EmbedRepository embeds, @Reference ReportRepository reports) {
        this.embeds = embeds;
        this.reports = reports;
    }

    @Override
    public Report report(String userId, String embedId, String reason, String comment) {
        if (reason == null || !REASONS.contains(reason)) {
            throw ImagesException.invalid("invalid_reason",
                    "'reason' must be one of artifact, harmful, wrong_prompt or other.");
        }
        String text = comment == null ? null : comment.replace("\r\n", "\n").strip();
        if (text != null && text.length() > MAX_COMMENT) {
            throw ImagesException.invalid("invalid_comment", "'comment' may have at most " + MAX_COMMENT
                    + " characters (it has " + text.length() + ").");
        }
        if (text != null && CONTROL.matcher(text).find()) {
            throw ImagesException.invalid("invalid_comment", "'comment' may not contain control characters.");
        }
        if (embedId == null || embeds.findEmbed(embedId).filter(e -> e.ownerId().equals(userId)).isEmpty()) {
            throw ImagesException.notFound("Embed");
        }
        ReportRecord record = new ReportRecord(UUID.randomUUID().toString(), userId, embedId, reason,
                text == null || text.isEmpty() ? null : text, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        reports.createReport(record);
        return view(record);
    }

    @Override
    public List<Report> recent(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ImagesException.invalid("invalid_limit", "The limit must be 1..1000.");
        }
        return reports.reports(null, limit).stream().map(DefaultReportService::view).toList();
    }

    private static Report view(ReportRecord r) {
        return new Report(r.id(), r.ownerId(), r.embedId(), r.reason(), r.comment(), r.createdAt());
    }
}
