package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import io.karafimages.api.ImagesException;

/** The check of a vectorize answer: an SVG document or provider_bad_output, and nothing resolved on the way. */
class RecraftSvgTest {
    private static final String NS = " xmlns=\"http://www.w3.org/2000/svg\"";

    @ParameterizedTest
    @ValueSource(strings = {
        "<svg" + NS + "/>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg" + NS + " width=\"10\" height=\"10\"><rect width=\"10\" "
                + "height=\"10\"/></svg>",
        "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:g/></s:svg>",
        "<!-- made by Recraft --><?pi data?><!DOCTYPE svg [<!ENTITY who \"Recraft\">]><svg" + NS
                + "><desc>&who;</desc></svg>",
        "\uFEFF<svg" + NS + "></svg>"})
    void anSvgDocumentPassesWhateverElseItCarries(String svg) {
        RecraftSvg.requireSvg(svg.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not xml at all", "<svg" + NS + ">", "<svg" + NS + "></svg><svg" + NS + "/>",
        "<svg" + NS + "><rect></svg>", "<svg" + NS + " width=10/>", "<svg" + NS + ">&undeclared;</svg>"})
    void whatIsNotWellFormedIsBadOutput(String text) {
        ImagesException e = refused(text.getBytes(StandardCharsets.UTF_8));
        assertEquals("Recraft's vectorize result is not a well-formed SVG document.", e.getMessage());
    }

    @Test
    void rasterBytesAreBadOutput() {
        assertEquals("Recraft's vectorize result is not a well-formed SVG document.",
                refused(TestImages.png(40, 40)).getMessage());
    }

    @Test
    void aRootThatIsNotSvgInTheSvgNamespaceIsBadOutputNamingIt() {
        assertEquals("Recraft's vectorize result is XML whose root is <svg> without a namespace, not an SVG <svg> "
                + "element.", refused("<svg width=\"1\"/>".getBytes(StandardCharsets.UTF_8)).getMessage());
        assertEquals("Recraft's vectorize result is XML whose root is <html> in http://www.w3.org/1999/xhtml, not "
                + "an SVG <svg> element.", refused("<html xmlns=\"http://www.w3.org/1999/xhtml\"><svg" + NS
                        + "/></html>").getMessage());
        assertTrue(refused("<svg xmlns=\"http://example.com/not-svg\"/>").getMessage()
                .contains("in http://example.com/not-svg"));
        assertTrue(refused("<g" + NS + "/>").getMessage().contains("<g>"));
    }

    @Test
    void anEntityBombIsBadOutputNotAnOutOfMemoryError() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE svg [<!ENTITY e0 \"lolololololololololo\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY e").append(i).append(" \"").append(("&e" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = dtd + "]><svg" + NS + "><desc>&e10;</desc></svg>"; // 20 * 10^10 characters if expanded
        assertEquals("provider_bad_output", refused(bomb).code());
    }

    @Test
    void externalDtdsAndEntitiesAreNeverFetched() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            byte[] body = "<!ENTITY x \"fetched\">".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            String svg = "<!DOCTYPE svg SYSTEM \"" + base + "/svg.dtd\" [<!ENTITY ext SYSTEM \"" + base
                    + "/entity.xml\"><!ENTITY % param SYSTEM \"" + base + "/param.dtd\"> %param;]><svg" + NS
                    + "><desc>&ext;</desc></svg>";
            RecraftSvg.requireSvg(svg.getBytes(StandardCharsets.UTF_8));
            assertEquals(0, hits.get());
        } finally {
            server.stop(0);
        }
    }

    private static ImagesException refused(String text) {
        return refused(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ImagesException refused(byte[] data) {
        ImagesException e = assertThrows(ImagesException.class, () -> RecraftSvg.requireSvg(data));
        assertEquals("provider_bad_output", e.code());
        assertEquals(502, e.httpStatus());
        assertTrue(e.retryable());
        return e;
    }
}
