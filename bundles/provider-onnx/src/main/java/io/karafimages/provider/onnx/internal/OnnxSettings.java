package io.karafimages.provider.onnx.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checked configuration. Every problem is an {@link IllegalArgumentException} whose message starts with the PID
 * and names the key, because it ends up in the log of an operator who edited a .cfg file. Immutable.
 */
final class OnnxSettings {
    static final String DEFAULT_DISPLAY_NAME = "ONNX salient-object model";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MIN_SIZE = 16;
    private static final int MAX_SIZE = 4096;

    private final Path modelPath;
    private final String sha256;
    private final int inputSize;
    private final float[] mean;
    private final float[] std;
    private final int threads;
    private final String displayName;

    private OnnxSettings(Path modelPath, String sha256, int inputSize, float[] mean, float[] std, int threads,
            String displayName) {
        this.modelPath = modelPath;
        this.sha256 = sha256;
        this.inputSize = inputSize;
        this.mean = mean;
        this.std = std;
        this.threads = threads;
        this.displayName = displayName;
    }

    static OnnxSettings from(OnnxConfig config) {
        String path = trimmed(config.model_path());
        if (path.isEmpty() || path.startsWith("$[")) {
            throw invalid("model.path is empty or an unresolved placeholder; set it to the absolute path of the "
                    + ".onnx file");
        }
        Path modelPath = Path.of(path);
        if (!modelPath.isAbsolute()) {
            throw invalid("model.path '" + path + "' is not an absolute path");
        }
        String sha256 = trimmed(config.sha256()).toLowerCase(Locale.ROOT);
        if (!sha256.isEmpty() && !SHA256.matcher(sha256).matches()) {
            throw invalid("sha256 must be 64 hex digits, not '" + config.sha256() + "'");
        }
        int size = config.input_size();
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw invalid("input.size must be between " + MIN_SIZE + " and " + MAX_SIZE + ", not " + size);
        }
        float[] std = triple("std", config.std());
        for (float s : std) {
            if (!(s > 0)) {
                throw invalid("std values must be positive, not '" + config.std() + "'");
            }
        }
        if (config.threads() < 0) {
            throw invalid("threads must be 0 (ONNX Runtime's default) or more, not " + config.threads());
        }
        String name = trimmed(config.display_name());
        return new OnnxSettings(modelPath, sha256, size, triple("mean", config.mean()), std, config.threads(),
                name.isEmpty() ? DEFAULT_DISPLAY_NAME : name);
    }

    private static float[] triple(String key, String value) {
        String[] parts = trimmed(value).split("\\s*,\\s*");
        if (parts.length != 3) {
            throw invalid(key + " must be three comma-separated numbers (red, green, blue), not '" + value + "'");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            try {
                out[i] = Float.parseFloat(parts[i]);
            } catch (NumberFormatException e) {
                throw invalid(key + " must be three comma-separated numbers (red, green, blue), not '" + value + "'");
            }
            if (!Float.isFinite(out[i])) {
                throw invalid(key + " values must be finite, not '" + value + "'");
            }
        }
        return out;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    static IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException(OnnxImageProvider.PID + ": " + message);
    }

    Path modelPath() {
        return modelPath;
    }

    /** The expected digest in lower-case hex, when configured. */
    Optional<String> sha256() {
        return sha256.isEmpty() ? Optional.empty() : Optional.of(sha256);
    }

    int inputSize() {
        return inputSize;
    }

    /** Red, green, blue means; a copy. */
    float[] mean() {
        return mean.clone();
    }

    /** Red, green, blue standard deviations, all positive; a copy. */
    float[] std() {
        return std.clone();
    }

    /** ONNX Runtime intra-op threads; 0 for its default. */
    int threads() {
        return threads;
    }

    String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return "model.path=" + modelPath + ", sha256=" + (sha256.isEmpty() ? "(not checked)" : sha256)
                + ", input.size=" + inputSize + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                + ", threads=" + (threads == 0 ? "default" : threads);
    }
}
