package io.karafimages.core.internal.shell;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import io.karafimages.api.ImagesException;
import io.karafimages.api.User;
import io.karafimages.api.UserService;
import io.karafimages.core.internal.sessions.Passwords;

@Command(scope = "images", name = "user-add",
        description = "Creates a user (give it a key with images:apikey-create, or a web app password with --password)")
@Service
public class UserAddCommand implements Action {
    @Argument(index = 0, name = "name", required = true, description = "The user name")
    String name;

    /*
     * Karaf stops reading options at the first argument, so "user-add alice --password" would be refused as "too
     * many arguments"; the option is accepted after the name too, and nothing else is.
     */
    @Argument(index = 1, name = "options", required = false, multiValued = true,
            description = "Only --password, for those who write it after the name")
    List<String> trailing;

    @Option(name = "--password", aliases = "-p",
            description = "Also asks for the user's web app password (twice, not echoed)")
    boolean password;

    @Reference
    UserService users;

    @Reference
    Passwords passwords;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        boolean askPassword = password | passwordRequestedLast();
        char[] secret = askPassword ? PasswordPrompt.askTwice(session, name) : null; // asked first: a typo creates nothing
        try {
            if (secret != null) {
                Passwords.requireValid(secret);
            }
            User user = users.createUser(name);
            System.out.println("Created user " + user.name() + " (" + user.id() + ")");
            if (secret != null) {
                passwords.setPassword(name, secret);
                System.out.println("Password of " + name + " set.");
            }
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        return null;
    }

    /** Whether --password (or -p) came after the name; anything else there is an error. */
    boolean passwordRequestedLast() {
        if (trailing == null || trailing.isEmpty()) {
            return false;
        }
        for (String extra : trailing) {
            if (!"--password".equals(extra) && !"-p".equals(extra)) {
                throw ImagesException.invalid("invalid_arguments", "Unexpected argument '" + extra
                        + "'; usage: images:user-add <name> [--password]");
            }
        }
        return true;
    }
}
