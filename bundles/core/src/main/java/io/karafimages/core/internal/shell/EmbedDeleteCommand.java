package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.karafimages.api.EmbedService;
import io.karafimages.api.ImagesException;
import io.karafimages.api.User;
import io.karafimages.api.UserService;

/** Deletes an embed as its owner would (DELETE /v1/embeds/{id}): task cancelled, files and key destroyed, rows gone. */
@Command(scope = "images", name = "embed-delete",
        description = "Deletes a user's embed for good: cancels its task, deletes its files and destroys its key")
@Service
public class EmbedDeleteCommand implements Action {
    @Argument(index = 0, name = "user", required = true, description = "The owner's user name")
    String user;

    @Argument(index = 1, name = "embed", required = true, description = "The embed id")
    String embedId;

    @Reference
    UserService users;

    @Reference
    EmbedService embeds;

    @Override
    public Object execute() {
        User owner = users.findByName(user).orElseThrow(() -> ImagesException.notFound("User"));
        embeds.delete(owner.id(), embedId);
        System.out.println("Deleted embed " + embedId + " of " + user);
        return null;
    }
}
