package io.karafimages.testsupport.baseline;

import java.io.File;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;

/**
 * Makes bnd's API tree of a bundle as it is now: its compiled classes are wrapped by bnd exactly as the
 * build does ({@code @Export @Version} in each package-info decides what is exported and at which version) and
 * handed to bnd's differ. Stateless.
 */
public final class ApiTrees {
    /**
     * Annotations the JDK puts on its own methods (e.g. {@code Object.clone}), which every class inherits: they
     * say nothing about our API and differ between JDK builds.
     */
    private static final String JDK_INTERNAL = "jdk.internal.";

    private ApiTrees() {
    }

    /**
     * The current {@code <api>} tree and export versions of the packages under {@code io.karafimages}, built from
     * {@code classes} (a directory or jar).
     */
    public static BaselineFile current(File classes) throws Exception {
        try (Builder b = new Builder()) {
            b.setProperty(Constants.BUNDLE_SYMBOLICNAME, "io.karafimages.baselined");
            b.setProperty(Constants.BUNDLE_VERSION, "0.0.0");
            b.setProperty(Constants.INCLUDEPACKAGE, "io.karafimages.*");
            b.addClasspath(classes);
            b.addClasspath(locationOf(org.osgi.annotation.bundle.Export.class));
            b.addClasspath(locationOf(org.osgi.service.component.annotations.ComponentPropertyType.class));
            Jar jar = b.build();
            if (!b.isOk()) {
                throw new IllegalStateException("bnd could not wrap " + classes + ": " + b.getErrors());
            }
            Tree.Data api = new DiffPluginImpl().tree(jar).get("<api>").serialize();
            Map<String, String> exports = new TreeMap<>();
            Parameters header = OSGiHeader.parseHeader(jar.getManifest().getMainAttributes()
                    .getValue(Constants.EXPORT_PACKAGE));
            header.forEach((pkg, attrs) -> exports.put(pkg, attrs.getVersion()));
            return new BaselineFile(exports, withoutJdkInternals(api));
        }
    }

    /** The {@code Export-Package} parameters bnd's baseline compares versions with. */
    public static Parameters exports(Map<String, String> versions) {
        Parameters p = new Parameters();
        versions.forEach((pkg, version) -> {
            Attrs attrs = new Attrs();
            attrs.put(Constants.VERSION_ATTRIBUTE, version);
            p.put(pkg, attrs);
        });
        return p;
    }

    /** A bundle-level tree around one {@code <api>} element, as {@code Baseline} expects. */
    public static Tree bundle(Tree.Data api) throws Exception {
        Tree.Data root = new Tree.Data();
        root.name = "baselined";
        root.type = Type.BUNDLE;
        root.add = Delta.CHANGED;
        root.rem = Delta.CHANGED;
        root.children = new Tree.Data[] { api };
        return new DiffPluginImpl().deserialize(root);
    }

    private static Tree.Data withoutJdkInternals(Tree.Data node) {
        if (node.children != null) {
            node.children = Arrays.stream(node.children)
                    .filter(c -> !(c.type == Type.ANNOTATED && c.name.startsWith(JDK_INTERNAL)))
                    .map(ApiTrees::withoutJdkInternals).toArray(Tree.Data[]::new);
        }
        return node;
    }

    public static File locationOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
