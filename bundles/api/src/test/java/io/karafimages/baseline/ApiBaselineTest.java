package io.karafimages.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Semantic versioning of the API bundle's exported packages, checked on every build against the baseline
 * recorded in {@code src/test/resources/baseline/images-api.baseline} (there is no released images-api in any
 * repository to baseline against, so the last released state is kept as text and reviewed like code).
 *
 * <p>The test fails when a package's API changed and its {@code @Version} in package-info.java is lower than bnd's
 * rules require; the message names the package, what changed and the version it needs.
 *
 * <p>To re-record after an intended change and its version bump (or a release):
 * {@code mvn -B -o -q -pl bundles/api install -Dbaseline.record=true}. Recording is refused while a package still
 * needs a bump; {@code -Dbaseline.record=force} records anyway (e.g. after removing a package on purpose).
 */
class ApiBaselineTest {
    static final String RESOURCE = "/baseline/images-api.baseline";
    private static final String RECORD = "baseline.record";

    @Test
    void exportedPackagesCarryTheVersionsTheirChangesNeed() throws Exception {
        BaselineFile current = ApiTrees.current(ApiTrees.locationOf(io.karafimages.api.Cost.class));
        Optional<BaselineFile> recorded = recorded();
        List<String> problems = recorded.isPresent() ? ApiBaseline.problems(current, recorded.get()) : List.of();
        String mode = System.getProperty(RECORD, "");
        if (mode.equals("true") || mode.equals("force")) {
            if (!problems.isEmpty() && !mode.equals("force")) {
                fail("Not recorded: bump the versions first (or use -D" + RECORD + "=force).\n"
                        + String.join("\n", problems));
            }
            record(current);
            return;
        }
        assertTrue(recorded.isPresent(), "No API baseline at src/test/resources" + RESOURCE + ": record one with -D"
                + RECORD + "=true");
        assertTrue(problems.isEmpty(), () -> "The API changed without the version bump it needs (baseline: "
                + "src/test/resources" + RESOURCE + ", recorded on Java " + recordedJava() + ", running on Java "
                + Runtime.version().feature() + ").\n" + String.join("\n", problems)
                + "\nIf the change is intended, raise @Version in the package's package-info.java to the version "
                + "named; re-record the baseline with -D" + RECORD + "=true when the version is released.");
    }

    private static Optional<BaselineFile> recorded() throws IOException {
        try (InputStream in = ApiBaselineTest.class.getResourceAsStream(RESOURCE)) {
            return in == null ? Optional.empty()
                    : Optional.of(BaselineFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private static String recordedJava() {
        try (InputStream in = ApiBaselineTest.class.getResourceAsStream(RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int at = text.indexOf("recorded on Java ");
            return at < 0 ? "?" : text.substring(at + 17).split("[^0-9]")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void record(BaselineFile current) throws IOException {
        Path file = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources" + RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, current.write(List.of(
                "API baseline of io.karafimages:images-api: bnd's API tree of every exported package,",
                "recorded on Java " + Runtime.version().feature() + " by ApiBaselineTest. Do not edit by hand.",
                "ApiBaselineTest fails when a package changes without the @Version bump bnd's rules require.",
                "Re-record after an intended change and its bump (or a release):",
                "  mvn -B -o -q -pl bundles/api install -Dbaseline.record=true")), StandardCharsets.UTF_8);
    }
}
