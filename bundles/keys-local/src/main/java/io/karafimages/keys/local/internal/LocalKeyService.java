package io.karafimages.keys.local.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;

/**
 * The non-Vault default key service. Each user has a random 256-bit key-encryption key (KEK), stored encrypted
 * under the instance master key; the master key is created at first start in a file only the runtime's OS
 * user can read. Data keys are wrapped with AES-256-GCM under the user's KEK, bound to the user id. Anyone who
 * can read both the master key file and the KEK files can unwrap every key: use Vault in production.
 */
@Component(service = KeyService.class, configurationPid = "images.keys.local",
        property = "service.ranking:Integer=-100")
@Designate(ocd = LocalKeyService.Config.class)
public final class LocalKeyService implements KeyService {
    private static final String PREFIX = "local:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    @ObjectClassDefinition(name = "Karaf Images: local keys",
            description = "Key-encryption keys kept on this machine under an instance master key.")
    public @interface Config {
        @AttributeDefinition(name = "Directory", required = false,
                description = "Holds master.key (mode 600) and one encrypted KEK per user. Empty: ${karaf.data}/images/keys.")
        String directory() default "";
    }

    private final Path dir;
    private final byte[] master;
    private final Map<String, byte[]> keks = new ConcurrentHashMap<>();

    @Activate
    public LocalKeyService(Config config) {
        this(config.directory().isBlank() ? Path.of(System.getProperty("karaf.data", "data"), "images", "keys")
                : Path.of(config.directory()));
    }

    public LocalKeyService(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("users"));
            this.master = readOrCreate(dir.resolve("master.key"), () -> random(32));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key in " + dir, e);
        }
    }

    /** Keys this node holds itself. */
    @Override
    public boolean remote() {
        return false;
    }

    @Override
    public String id() {
        return "local";
    }

    @Override
    public DataKey newDataKey(String userId) {
        byte[] key = random(32);
        return new DataKey(key, PREFIX + Base64.getEncoder().encodeToString(seal(kek(userId), key, aad("dek", userId))));
    }

    @Override
    public byte[] unwrap(String userId, String wrapped) {
        if (!wrapped.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a key wrapped by the local key service");
        }
        return open(kek(userId), Base64.getDecoder().decode(wrapped.substring(PREFIX.length())), aad("dek", userId));
    }

    private byte[] kek(String userId) {
        return keks.computeIfAbsent(userId, id -> {
            Path file = dir.resolve("users").resolve(hash(id) + ".kek");
            try {
                byte[] sealed = readOrCreate(file, () -> seal(master, random(32), aad("kek", id)));
                return open(master, sealed, aad("kek", id));
            } catch (IOException e) {
                throw ImagesException.unavailable("keys_unavailable", "The local key store cannot be read.", null, e);
            }
        });
    }

    /** Creates the file with mode 600 unless it exists; a concurrent creator's content wins. */
    private static byte[] readOrCreate(Path file, java.util.function.Supplier<byte[]> content) throws IOException {
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(file.getParent(), ".new-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, content.get());
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                // another thread or node created it first
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return Files.readAllBytes(file);
    }

    /**
     * One AES-GCM cipher per thread, initialised afresh for every use: {@code Cipher.getInstance} checks the
     * provider through a JDK-wide map whose bin lock every caller takes, and an unwrap runs on every download (a
     * JFR recording of the download benchmark showed 204 waits of over 10 ms each in 10 s there). A re-initialised
     * cipher keeps nothing of its previous key or nonce.
     */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK has no AES/GCM/NoPadding", e);
        }
    });

    private static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        try {
            byte[] nonce = random(12);
            Cipher c = GCM.get();
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plaintext);
            byte[] out = new byte[12 + ct.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(ct, 0, out, 12, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            c.updateAAD(aad);
            return c.doFinal(sealed, 12, sealed.length - 12);
        } catch (GeneralSecurityException e) {
            throw new ImagesException("key_unwrap_failed", 500, false,
                    "A wrapped key does not belong to this user or this instance's master key.", null, e);
        }
    }

    private static byte[] aad(String purpose, String userId) {
        return (purpose + "|" + userId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
