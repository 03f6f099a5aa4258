package io.karafimages.c2pa.internal.jumbf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.karafimages.c2pa.C2paException;

/**
 * Reads JUMBF boxes (ISO 19566-5) from untrusted bytes: lengths are bounds-checked and nesting is
 * limited. Stateless.
 */
public final class JumbfParser {

    private static final int MAX_DEPTH = 32;
    private static final int TOGGLE_LABEL = 0x02;
    private static final int TOGGLE_ID = 0x04;
    private static final int TOGGLE_SIGNATURE = 0x08;

    private JumbfParser() {
    }

    /**
     * @param buffer bytes holding one or more boxes, for example a manifest store
     * @return the top-level boxes
     * @throws C2paException when the boxes are malformed
     */
    public static List<ParsedBox> parse(byte[] buffer) {
        return parse(buffer, 0, buffer.length, 0);
    }

    private static List<ParsedBox> parse(byte[] buffer, int from, int to, int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("JUMBF nested deeper than " + MAX_DEPTH);
        }
        List<ParsedBox> boxes = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            ParsedBox box = parseBox(buffer, pos, to, depth);
            boxes.add(box);
            pos += box.length();
        }
        return boxes;
    }

    private static ParsedBox parseBox(byte[] buffer, int pos, int to, int depth) {
        if (to - pos < 8) {
            throw malformed("truncated box header");
        }
        long length = readInt(buffer, pos) & 0xffffffffL;
        String type = new String(buffer, pos + 4, 4, StandardCharsets.ISO_8859_1);
        int header = 8;
        if (length == 1) {
            if (to - pos < 16) {
                throw malformed("truncated extended box header");
            }
            length = ((long) readInt(buffer, pos + 8) << 32) | (readInt(buffer, pos + 12) & 0xffffffffL);
            header = 16;
        } else if (length == 0) {
            length = to - pos;
        }
        if (length < header || length > to - pos) {
            throw malformed("box '" + type + "' length " + length + " outside its parent");
        }
        int len = (int) length;
        if (!"jumb".equals(type)) {
            return new ParsedBox(buffer, pos, header, len, type, null, null, List.of());
        }
        List<ParsedBox> inner = parse(buffer, pos + header, pos + len, depth + 1);
        if (inner.isEmpty() || !"jumd".equals(inner.get(0).type())) {
            throw malformed("superbox without description box");
        }
        ParsedBox description = inner.get(0);
        byte[] uuid = descriptionUuid(description);
        String label = descriptionLabel(description);
        return new ParsedBox(buffer, pos, header, len, type, uuid, label, List.copyOf(inner.subList(1, inner.size())));
    }

    private static byte[] descriptionUuid(ParsedBox jumd) {
        if (jumd.payloadLength() < 17) {
            throw malformed("description box too short");
        }
        int p = jumd.payloadStart();
        return Arrays.copyOfRange(jumd.buffer(), p, p + 16);
    }

    private static String descriptionLabel(ParsedBox jumd) {
        byte[] b = jumd.buffer();
        int p = jumd.payloadStart() + 16;
        int end = jumd.start() + jumd.length();
        int toggles = b[p++] & 0xff;
        if ((toggles & TOGGLE_LABEL) == 0) {
            return null;
        }
        int zero = p;
        while (zero < end && b[zero] != 0) {
            zero++;
        }
        if (zero == end) {
            throw malformed("unterminated JUMBF label");
        }
        // ID and signature fields follow the label; they need no interpretation here
        int after = zero + 1 + ((toggles & TOGGLE_ID) != 0 ? 4 : 0) + ((toggles & TOGGLE_SIGNATURE) != 0 ? 32 : 0);
        if (after > end) {
            throw malformed("truncated description box");
        }
        return new String(b, p, zero - p, StandardCharsets.UTF_8);
    }

    private static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private static C2paException malformed(String message) {
        return new C2paException(C2paException.Reason.MALFORMED_MANIFEST_STORE, message);
    }
}
