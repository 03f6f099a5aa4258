package io.karafimages.core.internal.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import io.karafimages.core.internal.store.ReportRecord;
import io.karafimages.core.internal.store.ReportRepository;

/** Reports about embeds on the store's database; registered by {@link JdbcStore} next to itself (same pool). */
final class JdbcReportStore implements ReportRepository {
    private static final String COLUMNS = "id, owner_id, embed_id, reason, comment, created_at";

    private final Sql sql;

    JdbcReportStore(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void createReport(ReportRecord r) {
        sql.update("INSERT INTO images_report (" + COLUMNS + ") VALUES (?,?,?,?,?,?)", r.id(), r.ownerId(),
                r.embedId(), r.reason(), r.comment(), r.createdAt());
    }

    @Override
    public List<ReportRecord> reports(String ownerId, int limit) {
        String order = " ORDER BY created_at DESC, id DESC LIMIT " + Math.max(1, Math.min(limit, 1000));
        return ownerId == null
                ? sql.query("SELECT " + COLUMNS + " FROM images_report" + order, JdbcReportStore::report)
                : sql.query("SELECT " + COLUMNS + " FROM images_report WHERE owner_id = ?" + order,
                        JdbcReportStore::report, ownerId);
    }

    private static ReportRecord report(ResultSet rs) throws SQLException {
        return new ReportRecord(rs.getString("id"), rs.getString("owner_id"), rs.getString("embed_id"),
                rs.getString("reason"), rs.getString("comment"), Sql.instant(rs, "created_at"));
    }
}
