package io.karafimages.testsupport.baseline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Tree;
import aQute.bnd.service.diff.Type;

/**
 * The recorded API of the exported packages as reviewable text: one {@code export} line per package with its
 * version, then bnd's API tree ({@link Tree.Data}), one node per line, indented two spaces per level:
 * {@code TYPE IF_ADDED IF_REMOVED name}. The deltas are bnd's semantic rules (e.g. a method added to a
 * {@code @ConsumerType} interface is MAJOR, to a {@code @ProviderType} one MINOR), so the file holds all the
 * differ needs. Names are escaped ({@code \\}, {@code \n}, {@code \t}).
 *
 * @param exports package name to version
 * @param api the {@code <api>} element of bnd's tree
 */
public record BaselineFile(Map<String, String> exports, Tree.Data api) {
    private static final String EXPORT = "export ";
    private static final String TREE = "tree";

    public String write(List<String> headerComments) {
        StringBuilder out = new StringBuilder();
        headerComments.forEach(c -> out.append("# ").append(c).append('\n'));
        exports.forEach((pkg, version) -> out.append(EXPORT).append(pkg).append(' ').append(version).append('\n'));
        out.append(TREE).append('\n');
        write(out, api, 0);
        return out.toString();
    }

    public static BaselineFile parse(String text) throws IOException {
        Map<String, String> exports = new TreeMap<>();
        Deque<Node> open = new ArrayDeque<>();
        Node root = null;
        boolean inTree = false;
        BufferedReader lines = new BufferedReader(new StringReader(text));
        int number = 0;
        for (String line; (line = lines.readLine()) != null;) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!inTree) {
                if (line.equals(TREE)) {
                    inTree = true;
                } else if (line.startsWith(EXPORT)) {
                    String[] parts = line.substring(EXPORT.length()).split(" ");
                    exports.put(parts[0], parts[1]);
                } else {
                    throw new IOException("line " + number + ": expected 'export' or 'tree': " + line);
                }
                continue;
            }
            int depth = indent(line) / 2;
            Node node = node(line.substring(depth * 2), number);
            while (open.size() > depth) {
                open.pop();
            }
            if (open.isEmpty()) {
                if (root != null) {
                    throw new IOException("line " + number + ": a second root");
                }
                root = node;
            } else {
                open.peek().children.add(node);
            }
            open.push(node);
        }
        if (root == null) {
            throw new IOException("no tree");
        }
        return new BaselineFile(exports, root.toData());
    }

    private static void write(StringBuilder out, Tree.Data node, int depth) {
        out.append("  ".repeat(depth)).append(node.type).append(' ').append(node.add).append(' ').append(node.rem)
                .append(' ').append(escape(node.name));
        if (node.comment != null) {
            out.append('\t').append(escape(node.comment));
        }
        out.append('\n');
        if (node.children != null) {
            for (Tree.Data child : node.children) {
                write(out, child, depth + 1);
            }
        }
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static Node node(String text, int number) throws IOException {
        String[] parts = text.split(" ", 4);
        if (parts.length != 4) {
            throw new IOException("line " + number + ": expected 'TYPE ADD REM name': " + text);
        }
        int tab = parts[3].indexOf('\t');
        String name = tab < 0 ? parts[3] : parts[3].substring(0, tab);
        String comment = tab < 0 ? null : parts[3].substring(tab + 1);
        return new Node(Type.valueOf(parts[0]), Delta.valueOf(parts[1]), Delta.valueOf(parts[2]), unescape(name),
                comment == null ? null : unescape(comment));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private record Node(Type type, Delta add, Delta rem, String name, String comment, List<Node> children) {
        Node(Type type, Delta add, Delta rem, String name, String comment) {
            this(type, add, rem, name, comment, new ArrayList<>());
        }

        Tree.Data toData() {
            Tree.Data d = new Tree.Data();
            d.type = type;
            d.add = add;
            d.rem = rem;
            d.name = name;
            d.comment = comment;
            d.children = children.stream().map(Node::toData).toArray(Tree.Data[]::new);
            return d;
        }
    }
}
