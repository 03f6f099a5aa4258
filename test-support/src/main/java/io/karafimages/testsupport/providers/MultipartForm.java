package io.karafimages.testsupport.providers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of {@code multipart/form-data} bodies (RFC 7578) for the simulators: the JDK's HTTP
 * server has none. Strict on purpose: a body a real server might misread fails here with the reason.
 */
final class MultipartForm {
    /** One part: its field name, the file name when it is a file, its declared type, and its bytes. */
    record Part(String name, String filename, String contentType, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        boolean isFile() {
            return filename != null;
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private MultipartForm() {
    }

    /**
     * @throws IllegalArgumentException saying what is wrong when the body is not well-formed form data
     */
    static List<Part> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("Content-Type is " + contentType + ", not multipart/form-data");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("multipart/form-data without a boundary");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        if (pos != 0) {
            throw new IllegalArgumentException("the body does not start with the boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            pos += delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts; // the closing delimiter
            }
            if (!startsWith(body, CRLF, pos)) {
                throw new IllegalArgumentException("no line break after a boundary");
            }
            int headersAt = pos + 2;
            int headersEnd = indexOf(body, HEADER_END, headersAt);
            if (headersEnd < 0) {
                throw new IllegalArgumentException("a part without the blank line after its headers");
            }
            int end = indexOf(body, next, headersEnd + 4);
            if (end < 0) {
                throw new IllegalArgumentException("the body ends without a closing boundary");
            }
            String headers = new String(body, headersAt, headersEnd - headersAt, StandardCharsets.UTF_8);
            parts.add(part(headers, Arrays.copyOfRange(body, headersEnd + 4, end)));
            pos = end + 2;
        }
    }

    private static Part part(String headers, byte[] data) {
        String disposition = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a malformed part header: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-disposition")) {
                disposition = value;
            } else if (name.equals("content-type")) {
                type = value;
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw new IllegalArgumentException("a part without Content-Disposition: form-data");
        }
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) {
            throw new IllegalArgumentException("a part without a name");
        }
        Matcher filename = FILENAME.matcher(disposition);
        return new Part(name.group(1), filename.find() ? filename.group(1) : null, type, data);
    }

    private static boolean startsWith(byte[] data, byte[] prefix, int at) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        byte first = pattern[0];
        for (int i = from; i <= data.length - pattern.length; i++) {
            if (data[i] == first && startsWith(data, pattern, i)) {
                return i;
            }
        }
        return -1;
    }
}
