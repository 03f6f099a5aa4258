package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression test for L9 of the security review: a copied data directory must not duplicate the node id. */
class NodeIdentityTest {
    @TempDir
    Path temp;

    @Test
    void theSameDirectoryOnTheSameHostKeepsItsId() {
        Path data = temp.resolve("a");
        String first = NodeIdentity.load(data, "host1");
        assertEquals(first, NodeIdentity.load(data, "host1"));
        assertTrue(first.length() <= 64, "fits the lease owner column: " + first);
    }

    @Test
    void aCopiedDataDirectoryGetsAnotherNodeId() throws Exception {
        Path original = temp.resolve("original");
        String id = NodeIdentity.load(original, "host1");
        Path copy = Files.createDirectories(temp.resolve("copy"));
        Files.copy(original.resolve("node-id"), copy.resolve("node-id"));

        assertNotEquals(id, NodeIdentity.load(copy, "host1"), "a copy at another path");
        assertNotEquals(id, NodeIdentity.load(original, "host2"), "the same path on a cloned machine");
        assertEquals(Files.readString(original.resolve("node-id")), Files.readString(copy.resolve("node-id")),
                "the stored part is kept; only the binding differs");
    }

    @Test
    void anEmptyOrBrokenFileGivesANewValidId() throws Exception {
        Path data = Files.createDirectories(temp.resolve("broken"));
        Files.writeString(data.resolve("node-id"), "");
        String id = NodeIdentity.load(data, "host1");
        assertTrue(id.matches("node-[0-9a-f-]{36}@[0-9a-f]{12}"), id);
        assertEquals(id, NodeIdentity.load(data, "host1"), "the new id was stored");
    }
}
