package io.karafimages.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import aQute.bnd.service.diff.Tree;
import io.karafimages.testsupport.baseline.ApiBaseline;
import io.karafimages.testsupport.baseline.BaselineFile;

/**
 * The rules the baseline check applies, shown on the real API: the recorded or the current tree is edited to
 * simulate a change, and the check must name the package, the change and the version it needs.
 */
class ApiBaselineRulesTest {
    private static final String SKILL = "io.karafimages.spi.skill";
    private static final String STORAGE = "io.karafimages.spi.storage";
    private static BaselineFile current;

    @BeforeAll
    static void buildCurrentTree() throws Exception {
        current = ApiBaselineTest.CHECK.current();
    }

    @Test
    void anUnchangedApiNeedsNoBump() throws Exception {
        assertEquals(List.of(), ApiBaseline.problems(current, copy(current)));
    }

    @Test
    void theTextFormRoundTrips() throws Exception {
        String text = current.write(List.of("a comment"));
        assertEquals(text, BaselineFile.parse(text).write(List.of("a comment")));
    }

    @Test
    void aMethodAddedToAConsumerTypeInterfaceNeedsAMajorBump() throws Exception {
        BaselineFile before = without(copy(current), SKILL, SKILL + ".Skill", "inputType()");
        String problem = single(ApiBaseline.problems(current, before));
        assertTrue(problem.startsWith("package " + SKILL + ": a MAJOR change needs version " + nextMajor() + " but "
                + "package-info.java says " + version()), problem);
        assertTrue(problem.contains("+ interface " + SKILL + ".Skill / method inputType() (major)"), problem);
        assertEquals(List.of(), ApiBaseline.problems(withVersion(current, SKILL, nextMajor()), before));
    }

    @Test
    void aMethodAddedToAProviderTypeInterfaceNeedsAMinorBump() throws Exception {
        BaselineFile before = without(copy(current), SKILL, SKILL + ".SkillContext", "attempt()");
        String problem = single(ApiBaseline.problems(current, before));
        assertTrue(problem.contains("a MINOR change needs version " + nextMinor()), problem);
        assertTrue(problem.contains("+ interface " + SKILL + ".SkillContext / method attempt() (minor)"), problem);
        assertEquals(List.of(), ApiBaseline.problems(withVersion(current, SKILL, nextMinor()), before));
    }

    @Test
    void aMethodAddedToAClassNeedsAMinorBump() throws Exception {
        BaselineFile before = without(copy(current), SKILL, SKILL + ".SkillDescriptor", "providers()");
        assertTrue(single(ApiBaseline.problems(current, before)).contains("a MINOR change needs version " + nextMinor()));
    }

    @Test
    void aRemovedMethodNeedsAMajorBump() throws Exception {
        BaselineFile after = without(copy(current), "io.karafimages.spi.storage",
                "io.karafimages.spi.storage.BlobStore", "health()");
        String problem = single(ApiBaseline.problems(after, current));
        assertTrue(problem.startsWith("package io.karafimages.spi.storage: a MAJOR change needs version "
                + nextMajor(STORAGE) + " but package-info.java says " + versionOf(STORAGE)), problem);
        assertTrue(problem.contains("- interface io.karafimages.spi.storage.BlobStore / method health() (major)"),
                problem);
    }

    @Test
    void aPackageThatIsNoLongerExportedIsAProblem() throws Exception {
        BaselineFile after = without(copy(current), "io.karafimages.spi.storage");
        Map<String, String> exports = new TreeMap<>(after.exports());
        exports.remove("io.karafimages.spi.storage");
        String problem = single(ApiBaseline.problems(new BaselineFile(exports, after.api()), current));
        assertTrue(problem.startsWith("package io.karafimages.spi.storage (" + versionOf(STORAGE)
                + ") is no longer exported"), problem);
    }

    /** A package's version now (the storage rules, like the skill ones, are relative to it). */
    private static String versionOf(String pkg) {
        return current.exports().get(pkg);
    }

    /** The next major version of a package, e.g. 2.0.0 for 1.1.0. */
    private static String nextMajor(String pkg) {
        return (Integer.parseInt(versionOf(pkg).split("\\.")[0]) + 1) + ".0.0";
    }

    /** The skill package's version now; the rules are stated relative to it, so a release does not break them. */
    private static String version() {
        return versionOf(SKILL);
    }

    private static String nextMajor() {
        return nextMajor(SKILL);
    }

    private static String nextMinor() {
        String[] v = version().split("\\.");
        return v[0] + "." + (Integer.parseInt(v[1]) + 1) + ".0";
    }

    private static String single(List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    private static BaselineFile copy(BaselineFile file) throws Exception {
        return BaselineFile.parse(file.write(List.of()));
    }

    private static BaselineFile withVersion(BaselineFile file, String pkg, String version) {
        Map<String, String> exports = new TreeMap<>(file.exports());
        exports.put(pkg, version);
        return new BaselineFile(exports, file.api());
    }

    /** The file with the node at the end of {@code path} (names from the {@code <api>} element down) removed. */
    private static BaselineFile without(BaselineFile file, String... path) {
        Tree.Data parent = file.api();
        for (int i = 0; i < path.length - 1; i++) {
            parent = child(parent, path[i]);
        }
        Tree.Data gone = child(parent, path[path.length - 1]);
        parent.children = Arrays.stream(parent.children).filter(c -> c != gone).toArray(Tree.Data[]::new);
        return file;
    }

    private static Tree.Data child(Tree.Data parent, String name) {
        return Arrays.stream(parent.children).filter(c -> c.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " under " + parent.name));
    }
}
