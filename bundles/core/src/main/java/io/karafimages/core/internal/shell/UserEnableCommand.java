package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.karafimages.api.UserService;

@Command(scope = "images", name = "user-enable",
        description = "Enables a disabled user again: its keys that are neither revoked nor expired work again "
                + "(its ended web sessions do not come back)")
@Service
public class UserEnableCommand implements Action {
    @Argument(index = 0, name = "user", required = true, description = "The user name")
    String user;

    @Reference
    UserService users;

    @Override
    public Object execute() {
        users.setDisabled(user, false);
        System.out.println("User " + user + " enabled.");
        return null;
    }
}
