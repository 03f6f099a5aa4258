package io.karafimages.core.internal.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.embeds.StorageMigration;

@Command(scope = "images", name = "storage-migrate", description = "Moves every stored file from one storage "
        + "backend to another (e.g. fs to s3), verifying each copy; resumable: run it again to finish. "
        + "Usage: images:storage-migrate [--delete-source] fs s3")
@Service
public class StorageMigrateCommand implements Action {
    static final String DELETE_SOURCE = "--delete-source";

    @Argument(index = 0, name = "from", required = true, description = "Backend id the files are in, e.g. fs")
    String from;

    @Argument(index = 1, name = "to", required = true, description = "Backend id to move them to, e.g. s3")
    String to;

    /*
     * Karaf stops reading options at the first argument, so "fs s3 --delete-source" would be refused as "too
     * many arguments". Operators type the option last, so it is accepted there too, and nothing else is.
     */
    @Argument(index = 2, name = "options", required = false, multiValued = true,
            description = "Only " + DELETE_SOURCE + ", for those who write it after the backend ids")
    List<String> trailing;

    @Option(name = DELETE_SOURCE, description = "Delete each file from the old backend once its copy is verified "
            + "(the copy is read back through the new backend first); refused when both ids are the same storage")
    boolean deleteSource;

    @Reference
    StorageMigration migration;

    @Override
    public Object execute() {
        boolean delete = deleteRequestedLast() | deleteSource; // validates what follows the ids first
        StorageMigration.Result r = migration.migrate(from, to, delete, System.out::println);
        System.out.println("Moved " + r.moved() + " embeds (" + r.bytes() + " bytes) from '" + from + "' to '" + to
                + "'; " + r.failed() + " failed" + (r.failed() > 0 ? ": run the command again to retry them" : "."));
        return null;
    }

    /** Whether {@code --delete-source} came after the backend ids; anything else there is an error. */
    boolean deleteRequestedLast() {
        if (trailing == null || trailing.isEmpty()) {
            return false;
        }
        for (String extra : trailing) {
            if (!DELETE_SOURCE.equals(extra)) {
                throw ImagesException.invalid("invalid_arguments", "Unexpected argument '" + extra
                        + "'. Usage: images:storage-migrate [" + DELETE_SOURCE + "] <from> <to>");
            }
        }
        return true;
    }
}
