package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;

import org.junit.Test;

/**
 * Security review L10: with Karaf's command RBAC a scope without an ACL is open to every shell user, so a viewer
 * who may log in over SSH could mint an API key for admin. The distribution ships
 * {@code etc/org.apache.karaf.command.acl.images.cfg}: key, user and storage commands are for admins only.
 */
public class ShellAclIT {

    @Test
    public void aViewerCannotMintKeysOrMoveFilesButAnAdminCan() throws Exception {
        try (KarafProcess karaf = new KarafProcess(Path.of("target", "acl-it-" + System.nanoTime()))) {
            karaf.enableShellUser("ops", "ops-secret");
            karaf.addShellUser("watcher", "watcher-secret", "viewer", "ssh");
            karaf.start();

            // the commands are registered (an admin runs them) before a viewer is refused them
            String minted = karaf.shell("images:apikey-create admin").trim();
            String key = minted.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElseThrow().trim();
            assertEquals("the admin's new key works", 200, karaf.http().get("/usage", key).status());
            for (String command : new String[] { "images:apikey-create admin", "images:user-add mallory",
                    "images:storage-migrate fs s3 --delete-source", "images:tasks", "images:embeds admin",
                    "images:embed-delete admin 00000000-0000-0000-0000-000000000000", "images:user-password admin",
                    "images:reports" }) {
                KarafProcess.ShellResult refused = karaf.shellAs("watcher", "watcher-secret", command);
                // Karaf hides a command its ACL refuses the user: "Command not found" (or, for some, "Insufficient
                // credentials")
                assertTrue(command + ": " + refused.output(), refused.output().contains("Command not found")
                        || refused.output().contains("Insufficient credentials"));
                assertFalse(command + " ran: " + refused.output(), refused.output().contains("ki_"));
            }
            KarafProcess.ShellResult skills = karaf.shellAs("watcher", "watcher-secret", "images:skills");
            assertEquals(skills.output(), 0, skills.exitCode());
            assertTrue(skills.output(), skills.output().contains("generate"));

        }
    }
}
