package io.karafimages.core.internal.users;

import java.io.IOException;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.UserService;
import io.karafimages.core.internal.sessions.Passwords;

/**
 * On the first start (no users yet) creates the user {@code admin} and writes its API key to
 * {@code data/images/initial-api-key} and its web app password to {@code data/images/initial-password}, both
 * readable only by the runtime's OS user, as Jenkins does with its initial admin password. Neither is ever logged;
 * the log says where the files are.
 */
@Component(immediate = true)
public final class InitialUserSetup {
    private static final Logger LOG = LoggerFactory.getLogger(InitialUserSetup.class);
    static final String INITIAL_USER = "admin";

    @Activate
    public InitialUserSetup(@Reference UserService users, @Reference Passwords passwords) {
        if (!users.users().isEmpty()) {
            return;
        }
        Path dir = Path.of(System.getProperty("karaf.data", "data"), "images");
        users.createUser(INITIAL_USER);
        Path keyFile = writeSecret(dir.resolve("initial-api-key"), users.createApiKey(INITIAL_USER).toCharArray());
        char[] password = passwords.setRandomPassword(INITIAL_USER);
        Path passwordFile;
        try {
            passwordFile = writeSecret(dir.resolve("initial-password"), password);
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.info("Created the initial user '{}'; its API key is in {} and its web app password in {} (readable only "
                + "by this OS user). Create more keys with images:apikey-create, change the password with "
                + "images:user-password.", INITIAL_USER, keyFile.toAbsolutePath(), passwordFile.toAbsolutePath());
    }

    /** Writes a secret to a new file that only this OS user can read (mode 600 from its creation on). */
    private static Path writeSecret(Path file, char[] secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
                w.write(secret);
                w.write(System.lineSeparator());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
