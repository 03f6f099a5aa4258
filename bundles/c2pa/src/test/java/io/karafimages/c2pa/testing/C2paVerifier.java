package io.karafimages.c2pa.testing;

import static org.junit.jupiter.api.Assertions.fail;

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
 * Runs the reference verifier (c2pa-rs 0.91.3 in WASM under Node) on a file. Installs a private
 * copy into {@code target/c2pa-verify} once per test JVM (so once per build) with the shared,
 * read-only folder's {@code setup.sh --into}.
 * Missing node or npm fails the test: without the reference verifier nothing is proven.
 */
public final class C2paVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path installed;

    private C2paVerifier() {
    }

    /**
     * The verifier's answer.
     *
     * @param exitCode 0 valid (Trusted with anchors), 1 invalid, 2 usage/IO, 3 no manifest
     * @param json     the JSON report
     * @param stderr   diagnostics
     */
    public record Report(int exitCode, JsonNode json, String stderr) {

        /** @return Invalid, Valid or Trusted */
        public String state() {
            return json.path("validation_state").asText();
        }

        /** @return codes of all reported failures */
        public List<String> failureCodes() {
            List<String> codes = new ArrayList<>();
            json.path("validation_status").forEach(s -> codes.add(s.path("code").asText()));
            return codes;
        }

        /** @return success codes of the active manifest */
        public List<String> activeSuccessCodes() {
            List<String> codes = new ArrayList<>();
            json.path("manifest_store").path("validation_results").path("activeManifest").path("success")
                    .forEach(s -> codes.add(s.path("code").asText()));
            return codes;
        }

        /** @return the active manifest as c2pa-rs reports it */
        public JsonNode activeManifest() {
            JsonNode store = json.path("manifest_store");
            return store.path("manifests").path(store.path("active_manifest").asText());
        }

        /**
         * @param label an assertion label
         * @return its data in the active manifest, or a missing node
         */
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
            return "exit " + exitCode + ", state " + state() + ", failures " + failureCodes() + (stderr.isBlank() ? "" : ", stderr " + stderr);
        }
    }

    /**
     * @param file the signed file
     * @return the report, judged against the test CA root
     */
    public static Report verify(Path file) {
        Path exe = install().resolve("c2pa-verify");
        return run(List.of(exe.toString(), file.toString(), "--trust-anchors", TestCa.rootPem().toString()));
    }

    /** @return the installed verifier folder */
    public static synchronized Path install() {
        if (installed != null) {
            return installed;
        }
        requireTool("node");
        requireTool("npm");
        Path target = Path.of(System.getProperty("c2pa.verify.install", "target/c2pa-verify")).toAbsolutePath();
        Path setup = TestCa.verifierHome().resolve("setup.sh");
        if (!Files.isRegularFile(setup)) {
            fail("reference verifier not found at " + setup + " (system property c2pa.verify.home)");
        }
        Report setupRun = run(List.of("sh", setup.toString(), "--into", target.toString()));
        if (setupRun.exitCode() != 0) {
            fail("setup.sh failed: " + setupRun.stderr());
        }
        installed = target;
        return installed;
    }

    private static void requireTool(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                fail(tool + " --version failed: " + tool + " is required for the C2PA verifier tests");
            }
        } catch (IOException e) {
            fail(tool + " not found: node (>= 20) and npm are required for the C2PA verifier tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private static Report run(List<String> command) {
        try {
            Path out = Files.createTempFile("c2pa-verify", ".out");
            Path err = Files.createTempFile("c2pa-verify", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out: " + command);
                }
                String stdout = Files.readString(out);
                JsonNode json = stdout.trim().startsWith("{") ? JSON.readTree(stdout) : JSON.missingNode();
                return new Report(p.exitValue(), json, Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
