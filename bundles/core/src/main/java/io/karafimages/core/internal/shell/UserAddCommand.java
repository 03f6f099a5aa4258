package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.karafimages.api.User;
import io.karafimages.api.UserService;

@Command(scope = "images", name = "user-add", description = "Creates a user (then give it a key with images:apikey-create)")
@Service
public class UserAddCommand implements Action {
    @Argument(index = 0, name = "name", required = true, description = "The user name")
    String name;

    @Reference
    UserService users;

    @Override
    public Object execute() {
        User user = users.createUser(name);
        System.out.println("Created user " + user.name() + " (" + user.id() + ")");
        return null;
    }
}
