package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.karafimages.api.EmbedService;
import io.karafimages.api.EmbedSummary;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Page;
import io.karafimages.api.User;
import io.karafimages.api.UserService;

/** A user's embeds for operators, newest first; the prompt is not shown (it is the user's, kept encrypted). */
@Command(scope = "images", name = "embeds", description = "Lists a user's embeds, newest first")
@Service
public class EmbedsCommand implements Action {
    @Argument(index = 0, name = "user", required = true, description = "The user name")
    String user;

    @Option(name = "-n", description = "How many embeds to show (1..100)")
    int limit = 20;

    @Option(name = "--cursor", description = "The next cursor a previous run printed")
    String cursor;

    @Reference
    UserService users;

    @Reference
    EmbedService embeds;

    @Override
    public Object execute() {
        User owner = users.findByName(user).orElseThrow(() -> ImagesException.notFound("User"));
        Page<EmbedSummary> page = embeds.list(owner.id(), limit, cursor);
        ShellTable table = new ShellTable();
        for (String c : new String[] { "Embed", "Type", "Status", "Skill", "Model", "Preview", "Created" }) {
            table.column(c);
        }
        for (EmbedSummary s : page.items()) {
            table.addRow().addContent(s.embed().embedId(), s.embed().type(), s.embed().status().wireName(),
                    s.skill() == null ? "" : s.skill(), s.model() == null ? "" : s.model(),
                    s.previewIfAny().map(p -> p.width() + "x" + p.height()).orElse(""), s.embed().createdAt());
        }
        table.print(System.out);
        page.next().ifPresent(next -> System.out.println("More: images:embeds -n " + limit + " --cursor " + next + " "
                + user));
        return null;
    }
}
