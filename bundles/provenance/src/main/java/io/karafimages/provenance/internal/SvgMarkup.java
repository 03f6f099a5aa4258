package io.karafimages.provenance.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top of an SVG document's element tree (the root, its children and theirs), found on the document's text
 * so that metadata can be replaced while every other character stays as written. Understands comments, CDATA,
 * processing instructions, a doctype and quoted attribute values containing {@code >}; checks that tags nest,
 * nothing more (the runtime's sanitiser has already vetted the document). Stateless.
 */
final class SvgMarkup {
    private static final Pattern TOKEN = Pattern.compile("<!--.*?-->|<!\\[CDATA\\[.*?]]>|<\\?.*?\\?>"
            + "|<!DOCTYPE(?:[^\\[>]|\\[.*?])*>"
            + "|</(?<end>[^\\s>]+)\\s*>"
            + "|<(?<start>[^\\s/>!?]+)(?:\\s+[^\\s=/>]+\\s*=\\s*(?:\"[^\"]*\"|'[^']*'))*\\s*(?<empty>/?)>",
            Pattern.DOTALL);
    private static final int TRACKED_DEPTH = 3;

    /** An element: character offsets of its {@code <}, after its start tag and after its end. */
    static final class Element {
        final String name;
        final int start;
        final int startTagEnd;
        final boolean selfClosing;
        final List<Element> children = new ArrayList<>();
        int end;

        private Element(String name, int start, int startTagEnd, boolean selfClosing) {
            this.name = name;
            this.start = start;
            this.startTagEnd = startTagEnd;
            this.selfClosing = selfClosing;
            this.end = startTagEnd;
        }
    }

    /** The document as text, and its root with children down to the third level. */
    record Parsed(String text, Element root) {
    }

    private SvgMarkup() {
    }

    /**
     * @param svg a UTF-8 SVG document
     * @return its text and element tree
     * @throws IllegalArgumentException when it is not UTF-8, its tags do not nest or its root is not {@code svg}
     */
    static Parsed parse(byte[] svg) {
        String text = new String(svg, StandardCharsets.UTF_8);
        if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), svg)) {
            throw new IllegalArgumentException("the SVG is not valid UTF-8");
        }
        Matcher token = TOKEN.matcher(text);
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        for (int lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', token.end())) {
            if (!token.region(lt, text.length()).lookingAt()) {
                throw new IllegalArgumentException("broken SVG markup at character " + lt);
            }
            if (token.group("start") != null) {
                if (root != null && open.isEmpty()) {
                    throw new IllegalArgumentException("a second root element at character " + lt);
                }
                Element e = new Element(token.group("start"), lt, token.end(), !token.group("empty").isEmpty());
                if (root == null) {
                    root = e;
                } else if (open.size() < TRACKED_DEPTH) {
                    open.peek().children.add(e);
                }
                if (!e.selfClosing) {
                    open.push(e);
                }
            } else if (token.group("end") != null) {
                if (open.isEmpty() || !open.peek().name.equals(token.group("end"))) {
                    throw new IllegalArgumentException("unexpected end tag at character " + lt);
                }
                open.pop().end = token.end();
            }
        }
        if (root == null || !open.isEmpty() || !"svg".equals(root.name)) {
            throw new IllegalArgumentException("not a complete document with an 'svg' root");
        }
        return new Parsed(text, root);
    }
}
