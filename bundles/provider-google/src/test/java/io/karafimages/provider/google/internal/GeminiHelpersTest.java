package io.karafimages.provider.google.internal;

import io.karafimages.spi.provider.RetryAfter;
import io.karafimages.spi.provider.ImageSniffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.karafimages.testsupport.providers.GeminiSimulator;

/** Plain unit tests of the small pieces: settings checks, image sniffing, Retry-After parsing. */
class GeminiHelpersTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void settingsRefuseAMissingOrUnresolvedKeyAndUnknownSizes() {
        assertThrows(IllegalArgumentException.class, () -> settings("", "1K"));
        assertThrows(IllegalArgumentException.class, () -> settings("$[env:GEMINI_API_KEY]", "1K"));
        assertThrows(IllegalArgumentException.class, () -> settings("k", "3K"));
        assertEquals("2K", settings("k", "2k").imageSize());
        assertTrue(!settings("secret-key", "1K").toString().contains("secret-key"), "toString hides the key");
    }

    @Test
    void settingsAcceptTheModelWithOrWithoutPrefix() {
        GeminiSettings s = new GeminiSettings("k", "google/gemini-3-pro-image-preview", "1K", Duration.ofSeconds(5),
                Optional.of(URI.create("http://127.0.0.1:1/")), 0.134);
        assertEquals("gemini-3-pro-image-preview", s.model());
        assertEquals("google/gemini-3-pro-image-preview", s.modelId());
    }

    @Test
    void sniffsPngJpegAndWebpHeaders() {
        assertEquals(new ImageSniffer.Sniffed("image/png", 30, 20),
                ImageSniffer.sniff(GeminiSimulator.image(30, 20, "png")).orElseThrow());
        assertEquals(new ImageSniffer.Sniffed("image/jpeg", 30, 20),
                ImageSniffer.sniff(GeminiSimulator.image(30, 20, "jpeg")).orElseThrow());
        assertEquals(new ImageSniffer.Sniffed("image/webp", 1376, 768), ImageSniffer.sniff(webpVp8x(1376, 768)).orElseThrow());
        assertEquals(new ImageSniffer.Sniffed("image/webp", 100, 60), ImageSniffer.sniff(webpVp8l(100, 60)).orElseThrow());
    }

    @Test
    void refusesSignaturesWithBrokenHeadersAndGarbage() {
        byte[] png = GeminiSimulator.image(30, 20, "png");
        byte[] truncated = java.util.Arrays.copyOf(png, 20); // signature, but the IHDR chunk is cut
        assertEquals(Optional.empty(), ImageSniffer.sniff(truncated));
        assertEquals(Optional.empty(), ImageSniffer.sniff("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), ImageSniffer.sniff(new byte[0]));
    }

    @Test
    void readsRetryAfterInEveryForm() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.fromHeader("7", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.fromHeader("Sun, 01 Mar 2026 10:01:30 GMT", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.fromHeader("999999999", NOW));
        assertEquals(Optional.empty(), RetryAfter.fromHeader("soon", NOW));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryAfter.fromProtoDuration("1.5s"));
        assertEquals(Optional.of(Duration.ofSeconds(37)), RetryAfter.fromProtoDuration("37s"));
        assertEquals(Optional.empty(), RetryAfter.fromProtoDuration("37"));
    }

    private static GeminiSettings settings(String key, String size) {
        return new GeminiSettings(key, "gemini-3-pro-image-preview", size, Duration.ofSeconds(5), Optional.empty(), 0.1);
    }

    /** A WebP VP8X header as libwebp writes it (canvas size minus one, 24-bit little endian). */
    private static byte[] webpVp8x(int width, int height) {
        byte[] d = new byte[40];
        put(d, 0, "RIFF");
        put(d, 8, "WEBP");
        put(d, 12, "VP8X");
        d[16] = 10;
        le24(d, 24, width - 1);
        le24(d, 27, height - 1);
        return d;
    }

    /** A WebP VP8L header: signature 0x2f, then 14-bit width-1 and height-1. */
    private static byte[] webpVp8l(int width, int height) {
        byte[] d = new byte[40];
        put(d, 0, "RIFF");
        put(d, 8, "WEBP");
        put(d, 12, "VP8L");
        d[20] = 0x2f;
        int bits = (width - 1) | (height - 1) << 14;
        d[21] = (byte) bits;
        d[22] = (byte) (bits >>> 8);
        d[23] = (byte) (bits >>> 16);
        d[24] = (byte) (bits >>> 24);
        return d;
    }

    private static void put(byte[] d, int at, String ascii) {
        System.arraycopy(ascii.getBytes(StandardCharsets.US_ASCII), 0, d, at, ascii.length());
    }

    private static void le24(byte[] d, int at, int v) {
        d[at] = (byte) v;
        d[at + 1] = (byte) (v >>> 8);
        d[at + 2] = (byte) (v >>> 16);
    }
}
