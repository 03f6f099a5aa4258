package io.karafimages.core.internal.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.ReportService;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.testing.Harness;

/** Reports: the reporter's own embed only, a known reason, a short plain comment; listed for operators. */
class DefaultReportServiceTest {
    private final Harness harness = new Harness();
    private final DefaultReportService reports = new DefaultReportService(harness.store, harness.store.reports());
    private final String embed = harness.upload("u1", TestImages.image(64, 48, BufferedImage.TYPE_INT_RGB));

    DefaultReportServiceTest() throws Exception {
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void theOwnerReportsAndOperatorsSeeItNewestFirst() {
        ReportService.Report first = reports.report("u1", embed, "artifact", "  the hands have six fingers\r\n ");
        // reports are dated to the millisecond: two in the same one have no order (ids are random), so let it pass
        while (!java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).isAfter(first.createdAt())) {
            Thread.onSpinWait();
        }
        ReportService.Report second = reports.report("u1", embed, "wrong_prompt", "   ");
        assertEquals("the hands have six fingers", first.comment());
        assertNull(second.comment(), "a blank comment is no comment");
        List<ReportService.Report> recent = reports.recent(10);
        assertEquals(List.of(second.reportId(), first.reportId()), recent.stream().map(r -> r.reportId()).toList());
        assertEquals(new ReportService.Report(first.reportId(), "u1", embed, "artifact", first.comment(),
                first.createdAt()), recent.get(1));
    }

    @Test
    void anotherUsersOrAnUnknownEmbedIsNotFound() {
        for (String[] call : new String[][] { { "u2", embed }, { "u1", "no-such-embed" }, { "u1", null } }) {
            ImagesException e = assertThrows(ImagesException.class,
                    () -> reports.report(call[0], call[1], "harmful", null));
            assertEquals(404, e.httpStatus());
            assertEquals("not_found", e.code());
        }
        assertEquals(List.of(), reports.recent(10));
    }

    @Test
    void badReasonsAndCommentsAre400WithACode() {
        for (String reason : new String[] { null, "", "ARTIFACT", "spam" }) {
            ImagesException e = assertThrows(ImagesException.class, () -> reports.report("u1", embed, reason, null));
            assertEquals(400, e.httpStatus());
            assertEquals("invalid_reason", e.code());
        }
        assertEquals(1000, reports.report("u1", embed, "other", "x".repeat(1000)).comment().length());
        for (String comment : new String[] { "x".repeat(1001), "line one\u0000", "forged\rline\u001b[31m" }) {
            ImagesException e = assertThrows(ImagesException.class,
                    () -> reports.report("u1", embed, "other", comment));
            assertEquals(400, e.httpStatus());
            assertEquals("invalid_comment", e.code());
        }
        assertEquals(1, reports.recent(10).size());
        assertEquals("invalid_limit", assertThrows(ImagesException.class, () -> reports.recent(0)).code());
    }
}
