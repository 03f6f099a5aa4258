package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.karafimages.api.ApiKeyInfo;
import io.karafimages.api.UserService;

@Command(scope = "images", name = "apikey-revoke",
        description = "Revokes the API key with this prefix (as images:apikey-list shows it): this node refuses it "
                + "at once, other nodes within apikey.cache.ttl (PID images.web, default 10 s)")
@Service
public class ApiKeyRevokeCommand implements Action {
    @Argument(index = 0, name = "prefix", required = true, description = "The key's first characters, e.g. ki_AbC12")
    String prefix;

    @Reference
    UserService users;

    @Override
    public Object execute() {
        ApiKeyInfo revoked = users.revokeApiKey(prefix);
        System.out.println("Revoked API key " + revoked.prefix() + " at " + revoked.revokedAt().orElseThrow() + ".");
        return null;
    }
}
