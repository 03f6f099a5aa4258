package io.karafimages.core.internal.users;

import java.io.File;
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
        this(users, passwords, Path.of(System.getProperty("karaf.data", "data"), "images"));
    }

    /**
     * Both files are created (empty, owner-only) before the user exists: a directory that cannot be written fails
     * the first start before anything is stored, and the next start tries again, instead of leaving an admin whose
     * key and password nobody ever saw (security review L13).
     */
    InitialUserSetup(UserService users, Passwords passwords, Path dir) {
        if (!users.users().isEmpty()) {
            return;
        }
        Path keyFile = createSecretFile(dir.resolve("initial-api-key"));
        Path passwordFile = createSecretFile(dir.resolve("initial-password"));
        users.createUser(INITIAL_USER);
        writeSecret(keyFile, users.createApiKey(INITIAL_USER).toCharArray());
        char[] password = passwords.setRandomPassword(INITIAL_USER);
        try {
            writeSecret(passwordFile, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.info("Created the initial user '{}'; its API key is in {} and its web app password in {} (readable only "
                + "by this OS user). Create more keys with images:apikey-create, change the password with "
                + "images:user-password; delete both files once you have stored their contents.", INITIAL_USER,
                keyFile.toAbsolutePath(), passwordFile.toAbsolutePath());
    }

    /**
     * A new empty file that only this OS user can read: mode 600 from its creation on, or, on a file system without
     * POSIX permissions, readable and writable by the owner only.
     */
    private static Path createSecretFile(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                File f = file.toFile();
                if (!(f.setReadable(false, false) && f.setReadable(true, true) && f.setWritable(false, false)
                        && f.setWritable(true, true))) {
                    throw new IOException("cannot make " + file + " readable by its owner only");
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + file + "; the initial user is created once it can be "
                    + "(at the next start)", e);
        }
    }

    private static void writeSecret(Path file, char[] secret) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            w.write(secret);
            w.write(System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
