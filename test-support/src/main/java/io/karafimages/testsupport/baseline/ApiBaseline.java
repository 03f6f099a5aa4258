package io.karafimages.testsupport.baseline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;

/**
 * Compares the API as it is with the recorded baseline using bnd's own baselining ({@link Baseline}): every
 * exported package whose changes need a higher version than its {@code @Version} is a problem, and so is an
 * exported package that disappeared. bnd's rules: a removed or changed member is MAJOR; a method added to a
 * {@code @ConsumerType} interface is MAJOR, to a {@code @ProviderType} interface or to a class MINOR.
 */
public final class ApiBaseline {
    /** How many root causes a message lists per package. */
    private static final int MAX_CAUSES = 25;

    private ApiBaseline() {
    }

    /** @return one message per package that needs attention; empty when the versions fit the changes */
    public static List<String> problems(BaselineFile current, BaselineFile recorded) throws Exception {
        try (Processor reporter = new Processor()) {
            Baseline baseline = new Baseline(reporter, new DiffPluginImpl());
            Set<Baseline.Info> infos = baseline.baseline(ApiTrees.bundle(current.api()),
                    ApiTrees.exports(current.exports()), ApiTrees.bundle(recorded.api()),
                    ApiTrees.exports(recorded.exports()), new Instructions("*"));
            List<String> problems = new ArrayList<>();
            infos.stream().sorted(Comparator.comparing(i -> i.packageName)).forEach(info -> {
                if (info.packageDiff.getDelta() == Delta.REMOVED) {
                    problems.add("package " + info.packageName + " (" + info.olderVersion + ") is no longer "
                            + "exported: every bundle importing it breaks (a major change of the bundle)");
                } else if (info.mismatch) {
                    problems.add("package " + info.packageName + ": a " + info.packageDiff.getDelta()
                            + " change needs version " + info.suggestedVersion + " but package-info.java says "
                            + info.newerVersion + " (baseline " + info.olderVersion + ")\n" + causes(info.packageDiff));
                }
            });
            return problems;
        }
    }

    /** The added and removed elements under a package diff, as paths, e.g. {@code + Skill / method foo()}. */
    private static String causes(Diff packageDiff) {
        List<String> lines = new ArrayList<>();
        collect(packageDiff, "", lines);
        String shown = String.join("\n", lines.subList(0, Math.min(lines.size(), MAX_CAUSES)));
        return lines.size() > MAX_CAUSES ? shown + "\n    ... and " + (lines.size() - MAX_CAUSES) + " more" : shown;
    }

    private static void collect(Diff diff, String path, List<String> lines) {
        for (Diff child : diff.getChildren()) {
            String at = path.isEmpty() ? label(child) : path + " / " + label(child);
            switch (child.getDelta()) {
                case ADDED -> lines.add("    + " + at + " (" + child.getNewer().ifAdded().name().toLowerCase()
                        + ")");
                case REMOVED -> lines.add("    - " + at + " (" + child.getOlder().ifRemoved().name().toLowerCase()
                        + ")");
                case IGNORED, UNCHANGED -> {
                }
                default -> collect(child, at, lines);
            }
        }
    }

    private static String label(Diff d) {
        return d.getType().name().toLowerCase() + " " + d.getName();
    }
}
