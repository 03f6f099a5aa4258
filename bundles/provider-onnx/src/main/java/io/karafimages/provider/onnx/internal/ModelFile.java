package io.karafimages.provider.onnx.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The operator's model file, checked before ONNX Runtime sees it: it must exist, be a readable regular file and,
 * when a digest is configured, have exactly that SHA-256. ONNX Runtime's own message for a missing or corrupt file
 * is a native error code; these say which key to fix. Stateless.
 */
final class ModelFile {
    private static final int BUFFER = 1 << 16;

    private ModelFile() {
    }

    /**
     * The checked file.
     *
     * @throws IllegalArgumentException with a message for the log when the file is missing, unreadable or does not
     *         match {@code sha256}
     */
    static Path check(Path file, Optional<String> sha256) {
        if (!Files.exists(file)) {
            throw OnnxSettings.invalid("the model file " + file + " (model.path) does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw OnnxSettings.invalid("the model file " + file + " (model.path) is not a readable file");
        }
        if (sha256.isPresent()) {
            String actual = sha256Of(file);
            if (!actual.equals(sha256.get())) {
                throw OnnxSettings.invalid("the SHA-256 of the model file " + file + " is " + actual
                        + ", not the configured sha256 " + sha256.get() + "; refusing to load it (replace the "
                        + "file or correct sha256)");
            }
        }
        return file;
    }

    /** The file's SHA-256 in lower-case hex. */
    static String sha256Of(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(OnnxImageProvider.PID + ": cannot read the model file " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
