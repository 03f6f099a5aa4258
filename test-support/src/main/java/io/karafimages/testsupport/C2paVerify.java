package io.karafimages.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reference C2PA verifier ({@code ../shared/c2pa-verify}: c2pa-rs in WASM under Node) for our tests. Installs
 * a private copy once per JVM with the shared folder's {@code setup.sh --into}. Fails (never skips) when Node or
 * the shared folder is missing: without the reference implementation nothing is proven.
 */
public final class C2paVerify {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path installed;

    private C2paVerify() {
    }

    /** The verifier's verdict on one file. */
    public record Report(int exitCode, JsonNode json, String stderr) {
        public String state() {
            return json.path("validation_state").asText();
        }

        public List<String> failureCodes() {
            List<String> codes = new ArrayList<>();
            json.path("validation_status").forEach(s -> codes.add(s.path("code").asText()));
            return codes;
        }

        public List<String> activeSuccessCodes() {
            List<String> codes = new ArrayList<>();
            json.path("manifest_store").path("validation_results").path("activeManifest").path("success")
                    .forEach(s -> codes.add(s.path("code").asText()));
            return codes;
        }

        public JsonNode activeManifest() {
            JsonNode store = json.path("manifest_store");
            return store.path("manifests").path(store.path("active_manifest").asText());
        }

        /** The data of an assertion of the active manifest, or a missing node. */
        public JsonNode assertion(String label) {
            for (JsonNode a : activeManifest().path("assertions")) {
                if (label.equals(a.path("label").asText())) {
                    return a.path("data");
                }
            }
            return JSON.missingNode();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", state " + state() + ", failures " + failureCodes()
                    + (stderr.isBlank() ? "" : ", stderr " + stderr);
        }
    }

    /** Verifies with {@code trustAnchors} (a PEM file) as the only trust anchors. */
    public static Report verify(Path file, Path trustAnchors) {
        Path exe = install().resolve("c2pa-verify");
        return run(List.of(exe.toString(), file.toString(), "--trust-anchors", trustAnchors.toString()));
    }

    /** The shared verifier folder: system property {@code c2pa.verify.home}, else ../shared/c2pa-verify upwards. */
    public static Path home() {
        String configured = System.getProperty("c2pa.verify.home");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/c2pa-verify");
            if (Files.isRegularFile(candidate.resolve("setup.sh"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared/c2pa-verify not found above " + Path.of("").toAbsolutePath());
    }

    private static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        Path target = Path.of(System.getProperty("c2pa.verify.install", "target/c2pa-verify")).toAbsolutePath();
        if (!Files.isExecutable(target.resolve("c2pa-verify")) || !Files.isDirectory(target.resolve("node_modules"))) {
            Report setup = run(List.of("sh", home().resolve("setup.sh").toString(), "--into", target.toString()));
            if (setup.exitCode() != 0) {
                throw new IllegalStateException("c2pa-verify setup failed (needs node >= 20 and npm): " + setup);
            }
        }
        installed = target;
        return installed;
    }

    private static Report run(List<String> command) {
        try {
            Path out = Files.createTempFile("c2pa-verify", ".out");
            Path err = Files.createTempFile("c2pa-verify", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + command);
                }
                String stdout = Files.readString(out);
                JsonNode json = stdout.trim().startsWith("{") ? JSON.readTree(stdout) : JSON.missingNode();
                return new Report(p.exitValue(), json, Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0) + " (node >= 20 is required)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
