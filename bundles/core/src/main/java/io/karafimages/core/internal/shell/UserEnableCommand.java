package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "images", name = "user-enable",
        description = "Enables a disabled user again: its keys that are neither revoked nor expired work again "
                + "(its ended web sessions do not come back)")
@Service
public class UserEnableCommand extends UserCommand {
    @Override
    public Object execute() {
        users.setDisabled(user, false);
        System.out.println("User " + user + " enabled.");
        return null;
    }
}
