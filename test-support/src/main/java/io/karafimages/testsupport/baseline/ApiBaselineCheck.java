package io.karafimages.testsupport.baseline;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Semantic versioning of a bundle's exported packages, checked by a unit test of that bundle against the baseline
 * recorded in its {@code src/test/resources/baseline/<artifactId>.baseline} (there is no released artifact in any
 * repository to baseline against, so the last released state is kept as text and reviewed like code).
 *
 * <p>{@link #verify()} fails when a package's API changed and its {@code @Version} in package-info.java is lower
 * than bnd's rules require; the message names the package, what changed and the version it needs.
 *
 * <p>To re-record after an intended change and its version bump (or a release):
 * {@code mvn -B -o -q -pl <module> install -Dbaseline.record=true}. Recording is refused while a package still
 * needs a bump; {@code -Dbaseline.record=force} records anyway (e.g. after removing a package on purpose).
 *
 * @param artifactId the bundle's Maven artifactId: names the baseline file
 * @param module the module's directory from the repository root (for the messages)
 * @param exported any class of the bundle: its class directory (or jar) is what is baselined
 */
public record ApiBaselineCheck(String artifactId, String module, Class<?> exported) {
    private static final String RECORD = "baseline.record";

    /** Fails (an {@link AssertionError}) when the API changed without the bump it needs; records on request. */
    public void verify() throws Exception {
        BaselineFile current = ApiTrees.current(classes());
        Optional<BaselineFile> recorded = recorded();
        List<String> problems = recorded.isPresent() ? ApiBaseline.problems(current, recorded.get()) : List.of();
        String mode = System.getProperty(RECORD, "");
        if (mode.equals("true") || mode.equals("force")) {
            if (!problems.isEmpty() && !mode.equals("force")) {
                throw new AssertionError("Not recorded: bump the versions first (or use -D" + RECORD + "=force).\n"
                        + String.join("\n", problems));
            }
            record(current);
            return;
        }
        if (recorded.isEmpty()) {
            throw new AssertionError("No API baseline at " + module + "/src/test/resources" + resource()
                    + ": record one with -D" + RECORD + "=true");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("The API changed without the version bump it needs (baseline: " + module
                    + "/src/test/resources" + resource() + ", recorded on Java " + recordedJava() + ", running on Java "
                    + Runtime.version().feature() + ").\n" + String.join("\n", problems)
                    + "\nIf the change is intended, raise @Version in the package's package-info.java to the version "
                    + "named; re-record the baseline with -D" + RECORD + "=true when the version is released.");
        }
    }

    /** The bundle's API as it is now. */
    public BaselineFile current() throws Exception {
        return ApiTrees.current(classes());
    }

    private File classes() {
        return ApiTrees.locationOf(exported);
    }

    private String resource() {
        return "/baseline/" + artifactId + ".baseline";
    }

    private Optional<BaselineFile> recorded() throws IOException {
        try (InputStream in = exported.getClassLoader().getResourceAsStream(resource().substring(1))) {
            return in == null ? Optional.empty()
                    : Optional.of(BaselineFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
    }

    private String recordedJava() {
        try (InputStream in = exported.getClassLoader().getResourceAsStream(resource().substring(1))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int at = text.indexOf("recorded on Java ");
            return at < 0 ? "?" : text.substring(at + 17).split("[^0-9]")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private void record(BaselineFile current) throws IOException {
        Path file = Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources" + resource());
        Files.createDirectories(file.getParent());
        Files.writeString(file, current.write(List.of(
                "API baseline of io.karafimages:" + artifactId + ": bnd's API tree of every exported package,",
                "recorded on Java " + Runtime.version().feature() + " by ApiBaselineCheck. Do not edit by hand.",
                "Its test fails when a package changes without the @Version bump bnd's rules require.",
                "Re-record after an intended change and its bump (or a release):",
                "  mvn -B -o -q -pl " + module + " install -Dbaseline.record=true")), StandardCharsets.UTF_8);
    }
}
