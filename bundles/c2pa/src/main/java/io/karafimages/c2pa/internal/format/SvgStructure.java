package io.karafimages.c2pa.internal.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markup of a UTF-8 SVG document, read as bytes: where the root element and its elements down to the third
 * level (root, {@code metadata}, {@code c2pa:manifest}) start and end. Works on byte offsets because the data
 * hash does; markup characters are ASCII, so UTF-8 text in between needs no decoding. Checks what embedding
 * relies on (tags that nest and close, quoted attributes, a prolog of declaration, comments, PIs and doctype)
 * and nothing more: it is no validating parser. Element names are compared as written, prefix included, as
 * c2pa-rs compares them.
 */
public final class SvgStructure {

    /** An element: offsets of its {@code <}, after its start tag, of its end tag and after it. */
    static final class Element {
        final String name;
        final int start;
        final int startTagEnd;
        final boolean selfClosing;
        final Map<String, String> attributes;
        final List<Element> children = new ArrayList<>();
        int endTagStart;
        int end;

        Element(String name, int start, int startTagEnd, boolean selfClosing, Map<String, String> attributes) {
            this.name = name;
            this.start = start;
            this.startTagEnd = startTagEnd;
            this.selfClosing = selfClosing;
            this.attributes = attributes;
            this.endTagStart = startTagEnd;
            this.end = startTagEnd;
        }
    }

    private static final int TRACKED_DEPTH = 3;
    private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    private static final Pattern ENCODING = Pattern.compile("\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']");

    private final byte[] doc;
    private int pos;

    private SvgStructure(byte[] doc) {
        this.doc = doc;
    }

    /**
     * @param asset any bytes
     * @return whether they start like a UTF-8 XML document whose root element is {@code svg}
     */
    public static boolean detect(byte[] asset) {
        try {
            SvgStructure s = new SvgStructure(asset);
            return s.skipProlog() && "svg".equals(s.name(s.pos + 1));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * @param asset any bytes
     * @return whether they start with the UTF-8 byte order mark
     */
    static boolean hasByteOrderMark(byte[] asset) {
        return new SvgStructure(asset).startsWith(BOM);
    }

    /**
     * @param svg the document
     * @return its root with its elements down to the third level
     * @throws io.karafimages.c2pa.C2paException ({@code MALFORMED_ASSET}) when the markup is broken or not SVG
     */
    static Element parse(byte[] svg) {
        SvgStructure s = new SvgStructure(svg);
        if (!s.skipProlog()) {
            throw Bytes.malformed("not a UTF-8 XML document");
        }
        Element root = s.elements();
        if (!"svg".equals(root.name)) {
            throw Bytes.malformed("the root element is '" + root.name + "', not 'svg'");
        }
        s.skipMisc();
        if (s.pos != svg.length) {
            throw Bytes.malformed("content after the root element at offset " + s.pos);
        }
        return root;
    }

    /** Skips BOM, XML declaration (which must say UTF-8 if it names an encoding), comments, PIs and doctype. */
    private boolean skipProlog() {
        if (startsWith(BOM)) {
            pos = BOM.length;
        }
        if (startsWith("<?xml") && pos + 5 < doc.length && isSpace(doc[pos + 5])) {
            int end = indexOf("?>", pos);
            Matcher encoding = ENCODING.matcher(new String(doc, pos, end - pos, StandardCharsets.US_ASCII));
            if (encoding.find() && !encoding.group(1).toLowerCase(Locale.ROOT).matches("utf-?8")) {
                return false;
            }
            pos = end + 2;
        }
        skipMisc();
        if (startsWith("<!DOCTYPE")) {
            skipDoctype();
            skipMisc();
        }
        return pos < doc.length - 1 && doc[pos] == '<' && isNameStart(doc[pos + 1]);
    }

    private void skipMisc() {
        while (true) {
            while (pos < doc.length && isSpace(doc[pos])) {
                pos++;
            }
            if (startsWith("<!--")) {
                pos = indexOf("-->", pos + 4) + 3;
            } else if (startsWith("<?")) {
                pos = indexOf("?>", pos + 2) + 2;
            } else {
                return;
            }
        }
    }

    private void skipDoctype() {
        char quote = 0;
        boolean subset = false;
        for (pos += 9; pos < doc.length; pos++) {
            byte b = doc[pos];
            if (quote != 0) {
                quote = b == quote ? 0 : quote;
            } else if (b == '"' || b == '\'') {
                quote = (char) b;
            } else if (subset && startsWith("<!--")) {
                pos = indexOf("-->", pos + 4) + 2;
            } else if (b == '[') {
                subset = true;
            } else if (b == ']') {
                subset = false;
            } else if (b == '>' && !subset) {
                pos++;
                return;
            }
        }
        throw Bytes.malformed("unterminated DOCTYPE");
    }

    /** Reads the root element and everything in it; returns the root with its tracked descendants. */
    private Element elements() {
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        do {
            int lt = indexOf("<", pos);
            pos = lt;
            if (startsWith("<!--")) {
                pos = indexOf("-->", pos + 4) + 3;
            } else if (startsWith("<![CDATA[")) {
                pos = indexOf("]]>", pos + 9) + 3;
            } else if (startsWith("<?")) {
                pos = indexOf("?>", pos + 2) + 2;
            } else if (startsWith("</")) {
                closeElement(open.pop(), open.size() < TRACKED_DEPTH);
            } else if (lt + 1 < doc.length && isNameStart(doc[lt + 1])) {
                Element e = startTag(open.size() < TRACKED_DEPTH);
                if (root == null) {
                    root = e;
                } else if (open.size() < TRACKED_DEPTH) {
                    open.peek().children.add(e);
                }
                if (!e.selfClosing) {
                    open.push(e);
                }
            } else {
                throw Bytes.malformed("unexpected markup at offset " + lt);
            }
        } while (!open.isEmpty());
        return root;
    }

    private void closeElement(Element element, boolean tracked) {
        int start = pos;
        String name = name(pos + 2);
        if (!name.equals(element.name)) {
            throw Bytes.malformed("end tag '" + name + "' at offset " + start + " closes '" + element.name + "'");
        }
        pos += 2 + name.getBytes(StandardCharsets.UTF_8).length;
        while (pos < doc.length && isSpace(doc[pos])) {
            pos++;
        }
        if (pos >= doc.length || doc[pos] != '>') {
            throw Bytes.malformed("bad end tag at offset " + start);
        }
        pos++;
        if (tracked) {
            element.endTagStart = start;
            element.end = pos;
        }
    }

    /** Reads a start tag at {@code pos}; attributes are kept (values as written) only for tracked elements. */
    private Element startTag(boolean tracked) {
        int start = pos;
        String name = name(pos + 1);
        pos += 1 + name.getBytes(StandardCharsets.UTF_8).length;
        Map<String, String> attributes = new LinkedHashMap<>();
        while (true) {
            boolean spaced = pos < doc.length && isSpace(doc[pos]);
            while (pos < doc.length && isSpace(doc[pos])) {
                pos++;
            }
            if (startsWith(">") || startsWith("/>")) {
                boolean selfClosing = doc[pos] == '/';
                pos += selfClosing ? 2 : 1;
                return new Element(name, start, pos, selfClosing, tracked ? attributes : Map.of());
            }
            if (!spaced || pos >= doc.length || !isNameStart(doc[pos])) {
                throw Bytes.malformed("bad start tag '" + name + "' at offset " + start);
            }
            String attribute = attribute();
            int quote = indexOfQuoted(start);
            attributes.put(attribute, new String(doc, quote + 1, pos - quote - 2, StandardCharsets.UTF_8));
        }
    }

    /** Reads {@code name =} and the quoted value; leaves {@code pos} after the closing quote. */
    private String attribute() {
        String attribute = name(pos);
        pos += attribute.getBytes(StandardCharsets.UTF_8).length;
        while (pos < doc.length && isSpace(doc[pos])) {
            pos++;
        }
        if (pos >= doc.length || doc[pos] != '=') {
            throw Bytes.malformed("attribute '" + attribute + "' without value at offset " + pos);
        }
        pos++;
        while (pos < doc.length && isSpace(doc[pos])) {
            pos++;
        }
        return attribute;
    }

    /** At an opening quote: moves {@code pos} past the closing one and returns where the value's quote was. */
    private int indexOfQuoted(int tagStart) {
        if (pos >= doc.length || (doc[pos] != '"' && doc[pos] != '\'')) {
            throw Bytes.malformed("unquoted attribute value in the tag at offset " + tagStart);
        }
        int open = pos;
        int close = indexOf(doc[pos] == '"' ? "\"" : "'", pos + 1);
        pos = close + 1;
        return open;
    }

    private String name(int from) {
        int end = from;
        while (end < doc.length && !isSpace(doc[end]) && doc[end] != '>' && doc[end] != '/' && doc[end] != '='
                && doc[end] != '<' && doc[end] != '"' && doc[end] != '\'') {
            end++;
        }
        if (end == from) {
            throw Bytes.malformed("name expected at offset " + from);
        }
        return new String(doc, from, end - from, StandardCharsets.UTF_8);
    }

    private boolean startsWith(String ascii) {
        return startsWith(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean startsWith(byte[] prefix) {
        if (pos < 0 || pos + prefix.length > doc.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (doc[pos + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String ascii, int from) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i <= doc.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (doc[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw Bytes.malformed("'" + ascii + "' expected after offset " + from);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    // ASCII letters, '_' and ':' or any non-ASCII (UTF-8) byte: enough to tell a tag from other markup
    private static boolean isNameStart(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_' || b == ':' || b < 0;
    }
}
