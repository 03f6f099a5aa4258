package io.karafimages.core.internal.svg;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Takes the document type declaration out of an ASCII-compatible XML document (UTF-8, Latin-1...) before it is
 * parsed, internal subset and all, and drops every reference to an entity other than XML's five predefined ones.
 * Without this, the parser would have to refuse a provider's SVG that declares entities (references to undeclared
 * entities are fatal errors), although nothing in it needs to be read: an entity bomb or an external entity then
 * simply disappears. Works on the bytes as Latin-1 text, which keeps every byte of a UTF-8 document as it was.
 * A document in UTF-16 or UTF-32 is returned unchanged (the parser then refuses what it cannot read).
 * Stateless and thread-safe.
 */
final class DoctypeRemover {
    /** An entity reference that is neither predefined nor a character reference. */
    private static final Pattern CUSTOM_ENTITY = Pattern.compile(
            "&(?!(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)[A-Za-z_:][-A-Za-z0-9._:]{0,200};");

    private DoctypeRemover() {
    }

    static byte[] clean(byte[] xml) {
        if (!asciiCompatible(xml)) {
            return xml;
        }
        String text = new String(xml, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("<!DOCTYPE");
        if (start < 0 || start > rootStart(text)) {
            return xml;
        }
        int end = endOfDoctype(text, start + "<!DOCTYPE".length());
        if (end < 0) {
            return xml; // unterminated: the parser reports it
        }
        String rest = CUSTOM_ENTITY.matcher(text.substring(end)).replaceAll("");
        return (text.substring(0, start) + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Where the first element starts, skipping the prolog's declaration, comments and processing instructions. */
    private static int rootStart(String text) {
        int at = 0;
        while (true) {
            int lt = text.indexOf('<', at);
            if (lt < 0 || lt + 1 >= text.length()) {
                return Integer.MAX_VALUE;
            }
            char next = text.charAt(lt + 1);
            if (next == '?') {
                int close = text.indexOf("?>", lt);
                at = close < 0 ? text.length() : close + 2;
            } else if (text.startsWith("<!--", lt)) {
                int close = text.indexOf("-->", lt);
                at = close < 0 ? text.length() : close + 3;
            } else if (text.startsWith("<!DOCTYPE", lt)) {
                int end = endOfDoctype(text, lt + "<!DOCTYPE".length());
                if (end < 0) {
                    return Integer.MAX_VALUE;
                }
                at = end;
            } else {
                return lt;
            }
        }
    }

    /**
     * The index just past the declaration's closing {@code >}: quoted literals, and the internal subset's comments
     * and quoted literals, may contain {@code >} and {@code ]}. -1 when it does not end.
     */
    private static int endOfDoctype(String text, int from) {
        boolean inSubset = false;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else if (inSubset && text.startsWith("<!--", i)) {
                int close = text.indexOf("-->", i + 4);
                if (close < 0) {
                    return -1;
                }
                i = close + 3;
            } else if (c == '[') {
                inSubset = true;
                i++;
            } else if (c == ']') {
                inSubset = false;
                i++;
            } else if (c == '>' && !inSubset) {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** No UTF-16/32 byte-order mark and no zero byte among the first ones. */
    private static boolean asciiCompatible(byte[] xml) {
        if (xml.length >= 2 && ((xml[0] == (byte) 0xfe && xml[1] == (byte) 0xff)
                || (xml[0] == (byte) 0xff && xml[1] == (byte) 0xfe))) {
            return false;
        }
        for (int i = 0; i < Math.min(xml.length, 4); i++) {
            if (xml[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
