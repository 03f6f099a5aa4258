package io.karafimages.core.internal.shell;

import java.util.Arrays;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

import io.karafimages.core.internal.sessions.Passwords;

@Command(scope = "images", name = "user-password",
        description = "Sets a user's web app password (asked twice, not echoed); ends the user's sessions")
@Service
public class UserPasswordCommand implements Action {
    @Argument(index = 0, name = "user", required = true, description = "The user name")
    String user;

    @Reference
    Passwords passwords;

    @Reference
    Session session;

    @Override
    public Object execute() throws Exception {
        char[] password = PasswordPrompt.askTwice(session, user);
        try {
            passwords.setPassword(user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        System.out.println("Password of " + user + " set; the user's sessions have ended.");
        return null;
    }
}
