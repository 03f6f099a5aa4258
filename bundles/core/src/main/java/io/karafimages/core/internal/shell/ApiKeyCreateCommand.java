package io.karafimages.core.internal.shell;

import java.time.Instant;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "images", name = "apikey-create",
        description = "Creates an API key for a user and prints it once, as the last line; only its hash is kept")
@Service
public class ApiKeyCreateCommand extends UserCommand {
    @Option(name = "--expires", description = "When the key stops working: a lifetime (90d, 12h, 30m, P90D) or a "
            + "UTC date or instant (2027-01-31 = through that day, 2027-01-31T12:00:00Z). Default: never. Options go "
            + "before the user name.")
    String expires;

    @Override
    public Object execute() {
        Instant expiresAt = expires == null ? null : Expiry.parse(expires, Instant.now());
        String key = users.createApiKey(user, expiresAt);
        System.out.println("New API key for " + user + (expiresAt == null ? "" : ", valid until " + expiresAt)
                + " (shown only now; store it safely):");
        System.out.println(key);
        return null;
    }
}
