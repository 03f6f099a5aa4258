package io.karafimages.core.internal.shell;

import java.time.Instant;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

import io.karafimages.api.ApiKeyInfo;

@Command(scope = "images", name = "apikey-list",
        description = "Lists a user's API keys by prefix with their state and dates (last use is recorded at most "
                + "once a minute per key and node)")
@Service
public class ApiKeyListCommand extends UserCommand {
    @Override
    public Object execute() {
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        for (String c : new String[] { "Prefix", "State", "Created", "Last used", "Expires", "Revoked" }) {
            table.column(c);
        }
        for (ApiKeyInfo k : users.apiKeys(user)) {
            table.addRow().addContent(k.prefix(), k.state(now), k.createdAt(), text(k.lastUsedAt(), "never"),
                    text(k.expiresAt(), "never"), text(k.revokedAt(), ""));
        }
        table.print(System.out);
        if (users.isDisabled(user)) {
            System.out.println("The user " + user + " is disabled: none of these keys works (images:user-enable).");
        }
        return null;
    }

    private static String text(Optional<Instant> at, String none) {
        return at.map(Instant::toString).orElse(none);
    }
}
