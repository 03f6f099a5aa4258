package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.lifecycle.Reference;

import io.karafimages.api.UserService;

/**
 * A command about one user, named by its only argument: the argument and the user service every such command
 * needs (Karaf injects both into fields of a superclass too). An unknown user is the service's 404, which the shell
 * prints as its message.
 */
abstract class UserCommand implements Action {
    @Argument(index = 0, name = "user", required = true, description = "The user name")
    String user;

    @Reference
    UserService users;
}
