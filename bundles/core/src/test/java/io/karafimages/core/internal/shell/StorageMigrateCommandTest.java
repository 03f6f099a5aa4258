package io.karafimages.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;

/** The command line as Karaf 4.4's own parser reads it: the README's form and the option-first form. */
class StorageMigrateCommandTest {

    @Test
    void theOptionAfterTheBackendIdsIsAccepted() throws Exception {
        StorageMigrateCommand command = parse("fs", "s3", "--delete-source");

        assertEquals("fs", command.from);
        assertEquals("s3", command.to);
        assertTrue(command.deleteRequestedLast());
    }

    @Test
    void theOptionBeforeTheBackendIdsIsAccepted() throws Exception {
        StorageMigrateCommand command = parse("--delete-source", "fs", "s3");

        assertTrue(command.deleteSource);
        assertFalse(command.deleteRequestedLast());
    }

    @Test
    void withoutTheOptionNothingIsDeleted() throws Exception {
        StorageMigrateCommand command = parse("fs", "s3");

        assertFalse(command.deleteSource);
        assertFalse(command.deleteRequestedLast());
    }

    @Test
    void anythingElseAfterTheBackendIdsIsRefused() throws Exception {
        StorageMigrateCommand command = parse("fs", "s3", "--delete-sources");

        ImagesException e = assertThrows(ImagesException.class, command::deleteRequestedLast);
        assertEquals("invalid_arguments", e.code());
    }

    private static StorageMigrateCommand parse(String... line) throws Exception {
        StorageMigrateCommand command = new StorageMigrateCommand();
        assertTrue(new DefaultActionPreparator().prepare(command, null, List.<Object>of(line)));
        return command;
    }
}
