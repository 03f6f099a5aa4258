package io.karafimages.core.internal.users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.UserService;

/**
 * On the first start (no users yet) creates the user {@code admin} and writes its API key to
 * {@code data/images/initial-api-key}, readable only by the runtime's OS user, as Jenkins does with its initial
 * admin password. The key is never logged; the log says where the file is.
 */
@Component(immediate = true)
public final class InitialUserSetup {
    private static final Logger LOG = LoggerFactory.getLogger(InitialUserSetup.class);
    static final String INITIAL_USER = "admin";

    @Activate
    public InitialUserSetup(@Reference UserService users) {
        if (!users.users().isEmpty()) {
            return;
        }
        Path file = Path.of(System.getProperty("karaf.data", "data"), "images", "initial-api-key");
        users.createUser(INITIAL_USER);
        String key = users.createApiKey(INITIAL_USER);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the initial API key to " + file, e);
        }
        LOG.info("Created the initial user '{}'; its API key is in {} (readable only by this OS user). "
                + "Create more keys with images:apikey-create.", INITIAL_USER, file.toAbsolutePath());
    }
}
