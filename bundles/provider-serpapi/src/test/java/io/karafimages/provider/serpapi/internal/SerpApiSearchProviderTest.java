package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.spi.search.SearchMatch;
import io.karafimages.spi.search.SearchResults;
import io.karafimages.testsupport.providers.SerpApiSimulator;
import io.karafimages.testsupport.providers.SerpApiSimulator.Match;
import io.karafimages.testsupport.providers.SerpApiSimulator.Upload;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The upload-then-search flow against the simulator: what is sent, what is never sent, and what comes back. */
class SerpApiSearchProviderTest extends SerpApiFixture {
    @Test
    void uploadsTheBytesThenSearchesByImageIdAndReturnsTheVisualMatches() {
        byte[] jpeg = TestJpegs.small(600, 400);
        SearchResults results = search(jpeg);

        Upload upload = sim.uploads().get(0);
        assertArrayEquals(jpeg, upload.data(), "a metadata-free JPEG goes out byte for byte");
        assertEquals("jpeg", upload.format());
        assertEquals("image/jpeg", upload.contentType());
        assertEquals(List.of(), upload.metadata());
        SerpApiSimulator.Request post = sim.requests("/image").get(0);
        assertEquals(Map.of("api_key", KEY), post.form(), "the only text part is the key");
        assertEquals(Map.of(), post.query());
        SerpApiSimulator.Request get = sim.requests("/search.json").get(0);
        assertEquals(Map.of("engine", List.of("google_lens"), "image_id", List.of(upload.imageId()),
                "hl", List.of("en"), "country", List.of("de"), "safe", List.of("active"), "api_key", List.of(KEY)),
                get.query());
        assertEquals(2, sim.requests().size());

        assertEquals("google_lens", results.engine());
        assertEquals(SerpApiSimulator.DEFAULT_MATCHES.size(), results.matches().size());
        for (int i = 0; i < results.matches().size(); i++) {
            SearchMatch got = results.matches().get(i);
            Match sent = SerpApiSimulator.DEFAULT_MATCHES.get(i);
            assertEquals(i + 1, got.position());
            assertEquals(sent.title(), got.title());
            assertEquals(sent.link(), got.link());
            assertEquals(Optional.ofNullable(sent.source()), got.source());
            assertEquals(Optional.ofNullable(sent.thumbnail()), got.thumbnailUrl());
        }
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void noAddressOfOursIsEverSentOnlyTheBytes() {
        search(TestJpegs.small(300, 200), "red kite", () -> false);

        assertFalse(sim.requests().isEmpty());
        for (SerpApiSimulator.Request r : sim.requests()) {
            assertFalse(r.query().containsKey("url"), r.toString());
            for (String value : r.textValues()) {
                for (String forbidden : List.of("http", "localhost", "127.0.0.1", "file:", "data:")) {
                    assertFalse(value.toLowerCase().contains(forbidden), r.path() + " sent " + value);
                }
            }
        }
        assertEquals(List.of("red kite"), sim.requests("/search.json").get(0).query().get("q"));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void metadataAndTrailingBytesAreStrippedBeforeTheUpload() {
        byte[] clean = TestJpegs.small(400, 300);
        byte[] tagged = TestJpegs.withSegments(clean, TestJpegs.exif(), TestJpegs.xmp(),
                TestJpegs.segment(0xe2, "ICC_PROFILE\0", 64), TestJpegs.segment(0xeb, "JP\0\0jumb c2pa", 64),
                TestJpegs.segment(0xed, "Photoshop 3.0\0", 32), TestJpegs.segment(0xfe, "made with a prompt", 0));
        byte[] withTrailer = java.util.Arrays.copyOf(tagged, tagged.length + 100); // e.g. an appended video

        search(withTrailer);

        Upload upload = sim.uploads().get(0);
        assertEquals(List.of(), upload.metadata());
        assertArrayEquals(clean, upload.data(), "only the metadata went; the JFIF header and pixels stay");
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void theSimulatorSeesMetadataThatIsSent() { // the check above can fail: the simulator does detect metadata
        byte[] tagged = TestJpegs.withSegments(TestJpegs.small(100, 100), TestJpegs.exif(), TestJpegs.xmp(),
                TestJpegs.segment(0xeb, "JP", 8), TestJpegs.segment(0xfe, "hi", 0));
        RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", "x.jpg", RequestBody.create(tagged, MediaType.get("image/jpeg")))
                .addFormDataPart("api_key", KEY).build();
        try (Response response = new OkHttpClient().newCall(new Request.Builder().url(sim.baseUrl() + "/image")
                .post(form).build()).execute()) {
            assertEquals(200, response.code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of("EXIF", "XMP", "APP11", "COM"), sim.uploads().get(0).metadata());
    }

    @Test
    void aProgressiveJpegKeepsAllItsScans() {
        byte[] progressive = TestJpegs.withSegments(TestJpegs.progressive(320, 240), TestJpegs.exif());
        search(progressive);

        BufferedImage sent = TestJpegs.decode(sim.uploads().get(0).data());
        BufferedImage original = TestJpegs.decode(progressive);
        assertEquals(320, sent.getWidth());
        for (int[] p : new int[][] {{0, 0}, {160, 120}, {319, 239}}) {
            assertEquals(original.getRGB(p[0], p[1]), sent.getRGB(p[0], p[1]));
        }
        assertEquals(List.of(), sim.uploads().get(0).metadata());
    }

    @Test
    void maxMatchesCapsTheList() {
        reconfigure(KEY, Duration.ofSeconds(20), 3);
        SearchResults results = search(TestJpegs.small(200, 200));
        assertEquals(3, results.matches().size());
        assertEquals(SerpApiSimulator.DEFAULT_MATCHES.get(2).link(), results.matches().get(2).link());
    }

    @Test
    void matchesWithoutAWebLinkAreDroppedAndTheRestRankedInOrder() {
        sim.matches(List.of(
                new Match("Click me", "javascript:alert(document.cookie)", "Evil", null),
                new Match("Inline", "data:text/html,<script>alert(1)</script>", null, null),
                new Match("Relative", "/local/page", null, null),
                new Match("", "https://good.example.com/a", "Good Site", "javascript:alert(2)"),
                new Match("Line\nbreak\ttitle", "https://good.example.com/b", null,
                        "https://encrypted-tbn0.gstatic.com/images?q=tbn:b")));

        List<SearchMatch> matches = search(TestJpegs.small(200, 200)).matches();

        assertEquals(2, matches.size());
        assertEquals(1, matches.get(0).position());
        assertEquals("Good Site", matches.get(0).title(), "a blank title falls back to the source");
        assertEquals(Optional.empty(), matches.get(0).thumbnailUrl(), "a script thumbnail is dropped");
        assertEquals(2, matches.get(1).position());
        assertEquals("Line break title", matches.get(1).title());
        assertEquals("https://good.example.com/b", matches.get(1).link());
    }

    @Test
    void aSearchStillProcessingIsReadFromTheArchive() {
        sim.answerSearchesOnce(SerpApiSimulator.Answer.PROCESSING);
        SearchResults results = search(TestJpegs.small(200, 200));

        assertEquals(SerpApiSimulator.DEFAULT_MATCHES.size(), results.matches().size());
        List<SerpApiSimulator.Request> archive = sim.requests().stream()
                .filter(r -> r.path().startsWith("/searches/")).toList();
        assertEquals(1, archive.size());
        assertEquals(Map.of("api_key", List.of(KEY)), archive.get(0).query());
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void noResultsIsAnEmptyAnswerNotAFailure() {
        sim.answerSearches(SerpApiSimulator.Answer.NO_RESULTS);
        SearchResults results = search(TestJpegs.small(200, 200));
        assertEquals("google_lens", results.engine());
        assertEquals(List.of(), results.matches());
    }

    @Test
    void describesItself() {
        assertEquals("serpapi", provider.id());
        assertEquals("google_lens", provider.engine());
        assertEquals(500_000, provider.maxUploadBytes());
        assertEquals(new Cost(0.015, 15), provider.cost());
        assertFalse(provider.toString().contains(KEY));
    }

    @Test
    void aBaseUrlWithATrailingSlashReachesTheSameEndpoints() {
        provider.close();
        provider = new SerpApiSearchProvider(settings(KEY, sim.baseUrl() + "/", Duration.ofSeconds(20), 20),
                Clock.systemUTC());
        assertEquals(6, search(TestJpegs.small(200, 200)).matches().size());
        assertTrue(sim.requests().stream().allMatch(r -> r.path().equals("/image")
                || r.path().equals("/search.json")), sim.requests().toString());
    }
}
