package io.karafimages.core.internal.svg;

import static io.karafimages.core.internal.svg.SvgChecks.assertBadOutput;
import static io.karafimages.core.internal.svg.SvgChecks.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.karafimages.api.ImagesException;

/** What is not a well-formed SVG document within the limits is refused as the provider's bad output. */
class SvgSanitizerRefusalTest {
    private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">";

    private final SvgSanitizer sanitizer = new SvgSanitizer();

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE html><html><body><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/></body></html>",
        "<html><head><title>Error</title></head><body>502 Bad Gateway</body></html>",
        "{\"svg\": \"<svg xmlns='http://www.w3.org/2000/svg'/>\"}",
        "<?xml version=\"1.0\"?><root><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/></root>",
        "<svg width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>",
        "<svg xmlns=\"http://www.w3.org/1999/xhtml\" width=\"10\" height=\"10\"/>",
        "<s:svg xmlns:s=\"urn:not-svg\" width=\"10\" height=\"10\"/>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\"",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><g></svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>&nbsp;</text></svg>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\" fill=\"&ent;\"/>",
        "plain text",
        " ",
    })
    void refusesWhatIsNotAWellFormedSvgDocument(String input) {
        assertBadOutput(assertThrows(ImagesException.class, () -> sanitizer.sanitize(utf8(input))));
    }

    @Test
    void refusesEmptyPngAndGzippedInput() throws IOException {
        assertBadOutput(assertThrows(ImagesException.class, () -> sanitizer.sanitize(new byte[0])));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        assertBadOutput(assertThrows(ImagesException.class, () -> sanitizer.sanitize(png)));
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(utf8(OPEN + "</svg>"));
        }
        assertBadOutput(assertThrows(ImagesException.class, () -> sanitizer.sanitize(gzipped.toByteArray())));
    }

    @Test
    void ignoresTheBillionLaughsWithoutExpandingIt() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]>").append(OPEN).append("<text>&l9;</text><rect width=\"5\" height=\"5\"/></svg>");
        long start = System.nanoTime();
        String out = SvgChecks.text(sanitizer.sanitize(utf8(bomb.toString())));
        assertTrue(!out.contains("lol") && !out.contains("ENTITY") && out.contains("<rect"), out);
        // 10^9 "lol"s would take far longer than this and gigabytes of memory
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "cleaned without expanding");
    }

    @Test
    void neverReadsExternalEntities(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>" + OPEN
                + "<text>&x;</text></svg>";
        String out = SvgChecks.text(sanitizer.sanitize(utf8(xxe)));
        assertTrue(!out.contains("TOP-SECRET") && !out.contains("&x;") && !out.contains("DOCTYPE"), out);
        String parameterEntity = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY % p SYSTEM \"" + secret.toUri()
                + "\"> %p;]>" + OPEN + "</svg>";
        String plain = SvgChecks.text(sanitizer.sanitize(utf8(parameterEntity)));
        assertTrue(!plain.contains("TOP-SECRET") && !plain.contains("ENTITY"), plain);
        // an entity the (never fetched) external DTD would define is dropped, not looked up
        String external = SvgChecks.text(sanitizer.sanitize(utf8("<!DOCTYPE svg SYSTEM \"http://127.0.0.1:9/svg.dtd\">"
                + OPEN + "<text>a&nbsp;b</text></svg>")));
        assertTrue(external.contains(">ab<"), external);
    }

    @Test
    void ignoresAnExternalDtdWithoutFetchingIt() throws IOException {
        try (RecordingHttpServer server = new RecordingHttpServer()) {
            String svg = "<?xml version=\"1.0\"?><!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"" + server.base()
                    + "/svg11.dtd\">" + OPEN + "<rect width=\"5\" height=\"5\"/></svg>";
            String out = SvgChecks.text(sanitizer.sanitize(utf8(svg)));
            assertTrue(!out.contains("DOCTYPE") && out.contains("<rect"), out);
            assertEquals(List.of(), server.requests());
        }
    }

    @Test
    void refusesInputOverTheSizeCap() {
        byte[] big = new byte[SvgSanitizer.MAX_BYTES + 1];
        byte[] head = utf8(OPEN + "<!--");
        System.arraycopy(head, 0, big, 0, head.length);
        java.util.Arrays.fill(big, head.length, big.length, (byte) ' ');
        ImagesException e = assertThrows(ImagesException.class, () -> sanitizer.sanitize(big));
        assertBadOutput(e);
        assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    }

    @Test
    void refusesTooManyElementsAndTooDeepNesting() {
        String many = OPEN + "<g/>".repeat(SvgSanitizer.MAX_ELEMENTS) + "</svg>";
        assertTrue(many.length() < SvgSanitizer.MAX_BYTES);
        assertRefused(many, "elements");
        String deep = OPEN + "<g>".repeat(SvgSanitizer.MAX_DEPTH) + "</g>".repeat(SvgSanitizer.MAX_DEPTH) + "</svg>";
        assertRefused(deep, "deeper");
        String deepest = OPEN + "<g>".repeat(SvgSanitizer.MAX_DEPTH - 1) + "</g>".repeat(SvgSanitizer.MAX_DEPTH - 1)
                + "</svg>";
        assertEquals(10, sanitizer.sanitize(utf8(deepest)).width());
    }

    @Test
    void refusesUseBombsCyclesAndLongChains() {
        StringBuilder bomb = new StringBuilder(OPEN).append("<defs><rect id=\"u0\" width=\"1\" height=\"1\"/>");
        for (int i = 1; i <= 8; i++) {
            bomb.append("<g id=\"u").append(i).append("\">")
                    .append(("<use href=\"#u" + (i - 1) + "\"/>").repeat(10)).append("</g>");
        }
        bomb.append("</defs><use href=\"#u8\"/></svg>");
        assertTrue(bomb.length() < 5_000, "a few kilobytes");
        assertRefused(bomb.toString(), "<use> references");

        assertRefused(OPEN + "<g id=\"a\"><use href=\"#a\"/></g></svg>", "itself");
        assertRefused(OPEN + "<use id=\"a\" href=\"#b\"/><use id=\"b\" xlink:href=\"#a\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\"/></svg>", "itself");

        StringBuilder chain = new StringBuilder(OPEN).append("<rect id=\"c0\" width=\"1\" height=\"1\"/>");
        for (int i = 1; i <= 2_000; i++) {
            chain.append("<use id=\"c").append(i).append("\" href=\"#c").append(i - 1).append("\"/>");
        }
        assertRefused(chain.append("</svg>").toString(), "chains");
    }

    @Test
    void staysFastOnHugeValuesMadeToBacktrack() {
        String digits = "1".repeat(100_000);
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + digits + "x\" height=\"" + digits
                + "\" viewBox=\"0 0 " + digits + " 1\"><path d=\"M" + "1".repeat(3_000_000) + "\" class=\""
                + "a(".repeat(100_000) + "\" style=\"fill:" + "b".repeat(1_000_000) + "(\"/></svg>";
        long start = System.nanoTime();
        assertRefused(svg, "neither");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "linear work on a 5 MB document");
    }

    @Test
    void refusesAbsurdOrMissingSizes() {
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "neither");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"100%\"/>", "neither");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16385\" height=\"10\"/>", "16384");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 1e9\"/>", "16384");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"10\"/>", "between");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"-5\"/>", "between");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 0 10\"/>", "neither");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200in\" height=\"1in\"/>", "16384");
    }

    private void assertRefused(String svg, String reason) {
        ImagesException e = assertThrows(ImagesException.class,
                () -> sanitizer.sanitize(svg.getBytes(StandardCharsets.UTF_8)));
        assertBadOutput(e);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
