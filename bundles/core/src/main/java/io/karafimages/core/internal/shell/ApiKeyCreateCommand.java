package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.karafimages.api.UserService;

@Command(scope = "images", name = "apikey-create",
        description = "Creates an API key for a user and prints it once, as the last line; only its hash is kept")
@Service
public class ApiKeyCreateCommand implements Action {
    @Argument(index = 0, name = "user", required = true, description = "The user name")
    String user;

    @Reference
    UserService users;

    @Override
    public Object execute() {
        String key = users.createApiKey(user);
        System.out.println("New API key for " + user + " (shown only now; store it safely):");
        System.out.println(key);
        return null;
    }
}
