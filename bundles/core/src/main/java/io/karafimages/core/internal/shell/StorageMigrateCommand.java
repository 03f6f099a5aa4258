package io.karafimages.core.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import io.karafimages.core.internal.embeds.StorageMigration;

@Command(scope = "images", name = "storage-migrate", description = "Moves every stored file from one storage "
        + "backend to another (e.g. fs to s3), verifying each copy; resumable: run it again to finish")
@Service
public class StorageMigrateCommand implements Action {
    @Argument(index = 0, name = "from", required = true, description = "Backend id the files are in, e.g. fs")
    String from;

    @Argument(index = 1, name = "to", required = true, description = "Backend id to move them to, e.g. s3")
    String to;

    @Option(name = "--delete-source", description = "Delete each file from the old backend once its copy is verified")
    boolean deleteSource;

    @Reference
    StorageMigration migration;

    @Override
    public Object execute() {
        StorageMigration.Result r = migration.migrate(from, to, deleteSource, System.out::println);
        System.out.println("Moved " + r.moved() + " embeds (" + r.bytes() + " bytes) from '" + from + "' to '" + to
                + "'; " + r.failed() + " failed" + (r.failed() > 0 ? ": run the command again to retry them" : "."));
        return null;
    }
}
