package io.karafimages.core.internal.shell;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.karafimages.api.ReportService;
import io.karafimages.api.User;
import io.karafimages.api.UserService;

/** Reports users filed about their images (web app "Report", POST /v1/embeds/{id}/report), newest first. */
@Command(scope = "images", name = "reports", description = "Lists the reports users filed about images, newest first")
@Service
public class ReportsCommand implements Action {
    @Option(name = "-n", description = "How many reports to show (1..1000)")
    int limit = 50;

    @Reference
    ReportService reports;

    @Reference
    UserService users;

    @Override
    public Object execute() {
        Map<String, String> names = users.users().stream().collect(Collectors.toMap(User::id, User::name,
                (a, b) -> a));
        ShellTable table = new ShellTable();
        for (String c : new String[] { "Created", "User", "Embed", "Reason", "Comment", "Report" }) {
            table.column(c);
        }
        Function<String, String> oneLine = s -> s == null ? "" : s.replaceAll("\\s+", " ");
        for (ReportService.Report r : reports.recent(limit)) {
            String comment = oneLine.apply(r.comment());
            table.addRow().addContent(r.createdAt(), names.getOrDefault(r.userId(), r.userId()), r.embedId(),
                    r.reason(), comment.length() > 80 ? comment.substring(0, 79) + "…" : comment, r.reportId());
        }
        table.print(System.out);
        return null;
    }
}
