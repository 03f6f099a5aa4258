package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "images", name = "user-disable",
        description = "Disables a user: its API keys and web sessions stop working (this node at once, other nodes "
                + "within apikey.cache.ttl) and its logins are refused; images:user-enable undoes it")
@Service
public class UserDisableCommand extends UserCommand {
    @Override
    public Object execute() {
        users.setDisabled(user, true);
        System.out.println("User " + user + " disabled; its keys and sessions no longer work.");
        return null;
    }
}
