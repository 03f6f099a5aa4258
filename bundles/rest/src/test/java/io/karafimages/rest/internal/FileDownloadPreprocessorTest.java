package io.karafimages.rest.internal;

import static io.karafimages.rest.internal.FileDownloadFixture.ALICE_KEY;
import static io.karafimages.rest.internal.FileDownloadFixture.ALICE_SESSION;
import static io.karafimages.rest.internal.FileDownloadFixture.BOBS;
import static io.karafimages.rest.internal.FileDownloadFixture.BOB_KEY;
import static io.karafimages.rest.internal.FileDownloadFixture.BUSY;
import static io.karafimages.rest.internal.FileDownloadFixture.FINISHED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;

/** File downloads in front of CXF ({@link FileDownloadPreprocessor}), against the services' contracts. */
class FileDownloadPreprocessorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileDownloadFixture fixture = new FileDownloadFixture();
    private final FileDownloadPreprocessor preprocessor = new FileDownloadPreprocessor(fixture.embeds(),
            fixture.users(), fixture.sessions(), "/v1");
    private boolean passedOn;

    @Test
    void aPreviewIsStreamedWithItsHeaders() throws Exception {
        ServletFakes.Response r = send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY));
        byte[] preview = fixture.bytes(FINISHED, RenditionFormat.PREVIEW);
        assertEquals(200, r.status);
        assertArrayEquals(preview, r.body.toByteArray());
        assertEquals("image/webp", r.header("Content-Type"));
        assertEquals(String.valueOf(preview.length), r.header("Content-Length"));
        assertEquals(FileDownloadFixture.etag(FINISHED, RenditionFormat.PREVIEW), r.header("ETag"));
        assertEquals("private,no-transform,max-age=3600", r.header("Cache-Control"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("default-src 'none'; style-src 'unsafe-inline'", r.header("Content-Security-Policy"));
        assertFalse(passedOn, "CXF never sees it");
        assertEquals(1, fixture.opens.get());
    }

    @Test
    void everyFormatHasItsTypeAndAnUnknownOneIs400() throws Exception {
        for (RenditionFormat format : RenditionFormat.values()) {
            ServletFakes.Response r = send(file("GET", FINISHED).parameter("format", format.wireName())
                    .header("Authorization", "bearer  " + ALICE_KEY + " "));
            assertEquals(200, r.status, format.wireName());
            assertEquals(format.mediaType(), r.header("Content-Type"));
            assertArrayEquals(fixture.bytes(FINISHED, format), r.body.toByteArray());
        }
        for (String bad : List.of("huge", "", "Preview", "preview ")) {
            assertProblem(send(file("GET", FINISHED).parameter("format", bad)
                    .header("Authorization", "Bearer " + ALICE_KEY)), 400, "invalid_format");
        }
    }

    @Test
    void noBadOrRevokedCredentialsAre401Problems() throws Exception {
        ServletFakes.Response none = send(file("GET", FINISHED));
        assertProblem(none, 401, "unauthenticated");
        assertEquals("Bearer", none.header("WWW-Authenticate"));
        for (String bad : List.of("Bearer ki_nobody", "Basic " + ALICE_KEY, "Bearer", ALICE_KEY)) {
            ServletFakes.Response r = send(file("GET", FINISHED).header("Authorization", bad));
            assertProblem(r, 401, "invalid_api_key");
            assertEquals("Bearer error=\"invalid_token\"", r.header("WWW-Authenticate"));
        }
        assertEquals(200, send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY)).status);
        fixture.revoked.add(ALICE_KEY);
        assertProblem(send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY)), 401,
                "invalid_api_key");
        assertProblem(send(file("GET", FINISHED).cookie(SessionCookie.NAME, "logged-out")), 401, "session_expired");
        assertEquals(1, fixture.opens.get(), "only the one good request opened the file");
    }

    @Test
    void theSessionCookieIsCredentialsWhenThereIsNoAuthorizationHeader() throws Exception {
        assertEquals(200, send(file("GET", FINISHED).cookie("other", "x").cookie(SessionCookie.NAME, ALICE_SESSION))
                .status);
        assertEquals(200, send(file("GET", FINISHED).header("Authorization", " ")
                .cookie(SessionCookie.NAME, ALICE_SESSION)).status);
        assertProblem(send(file("GET", FINISHED).header("Authorization", "Bearer ki_nobody")
                .cookie(SessionCookie.NAME, ALICE_SESSION)), 401, "invalid_api_key");
    }

    @Test
    void anotherUsersOrAMissingEmbedIs404AndAnUnfinishedOne409() throws Exception {
        for (String embed : List.of(BOBS, "nope", "0f6c3e9a-0000-4000-8000-000000000000")) {
            assertProblem(send(file("GET", embed).header("Authorization", "Bearer " + ALICE_KEY)), 404, "not_found");
        }
        assertProblem(send(file("GET", BUSY).header("Authorization", "Bearer " + ALICE_KEY)), 409, "embed_not_ready");
        ServletFakes.Response head = send(file("HEAD", BUSY).header("Authorization", "Bearer " + BOB_KEY));
        assertEquals(404, head.status);
        assertEquals("application/problem+json", head.header("Content-Type"));
        assertEquals(0, head.body.size());
        assertEquals(0, fixture.opens.get());
    }

    @Test
    void aMatchingIfNoneMatchIs304WithoutOpeningTheFile() throws Exception {
        String tag = FileDownloadFixture.etag(FINISHED, RenditionFormat.FULL);
        for (String ifNoneMatch : List.of(tag, "W/" + tag, "\"other\", " + tag, "*")) {
            ServletFakes.Response r = send(file("GET", FINISHED).parameter("format", "full")
                    .header("Authorization", "Bearer " + ALICE_KEY).header("If-None-Match", ifNoneMatch));
            assertEquals(304, r.status, ifNoneMatch);
            assertEquals(tag, r.header("ETag"));
            assertEquals("private,no-transform,max-age=3600", r.header("Cache-Control"));
            assertNull(r.header("Content-Length"));
            assertEquals(0, r.body.size());
        }
        assertEquals(0, fixture.opens.get(), "304 needs no key");
        ServletFakes.Response other = send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY)
                .header("If-None-Match", tag)); // the preview's tag is another one
        assertEquals(200, other.status);
    }

    @Test
    void ifMatchComparesStronglyAndFailsAs412() throws Exception {
        String tag = FileDownloadFixture.etag(FINISHED, RenditionFormat.PREVIEW);
        assertEquals(200, send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY)
                .header("If-Match", "\"x\"").header("If-Match", tag)).status);
        for (String ifMatch : List.of("\"x\"", "W/" + tag, "garbage")) {
            assertProblem(send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY)
                    .header("If-Match", ifMatch)), 412, "precondition_failed");
        }
    }

    @Test
    void headHasTheHeadersButNoBodyAndOpensNothing() throws Exception {
        ServletFakes.Response r = send(file("HEAD", FINISHED).parameter("format", "original")
                .header("Authorization", "Bearer " + ALICE_KEY));
        assertEquals(200, r.status);
        assertEquals("image/png", r.header("Content-Type"));
        assertEquals(String.valueOf(fixture.bytes(FINISHED, RenditionFormat.ORIGINAL).length),
                r.header("Content-Length"));
        assertEquals(0, r.body.size());
        ServletFakes.Response refused = send(file("HEAD", FINISHED));
        assertEquals(401, refused.status);
        assertEquals("application/problem+json", refused.header("Content-Type"));
        assertEquals(0, refused.body.size());
        assertEquals(0, fixture.opens.get());
    }

    @Test
    void backendFailuresAreProblemDocumentsWithoutTheirDetail() throws Exception {
        fixture.authFailure = ImagesException.unavailable("store_unavailable", "The database is unavailable.",
                Duration.ofSeconds(7), null);
        ServletFakes.Response store = send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY));
        assertProblem(store, 503, "store_unavailable");
        assertEquals("7", store.header("Retry-After"));
        fixture.authFailure = null;
        fixture.openFailure = ImagesException.unavailable("storage_unavailable", "bucket images-secret: timeout",
                Duration.ofSeconds(5), null);
        ServletFakes.Response storage = send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY));
        assertProblem(storage, 503, "storage_unavailable");
        assertFalse(storage.text().contains("images-secret"), storage.text());
        assertNull(storage.header("ETag"), "the file's headers were dropped with the answer");
        fixture.openFailure = new IllegalStateException("a bug at /opt/karaf/secret");
        ServletFakes.Response bug = send(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY));
        assertProblem(bug, 500, "internal_error");
        assertFalse(bug.text().contains("secret"), bug.text());
    }

    @Test
    void aClientThatGoesAwayEndsTheDownloadQuietly() throws Exception {
        ServletFakes.Response r = new ServletFakes.Response();
        r.clientGone = true;
        preprocessor.doFilter(file("GET", FINISHED).header("Authorization", "Bearer " + ALICE_KEY).build(),
                r.build(), (rq, rs) -> passedOn = true);
        assertEquals(200, r.status);
        assertFalse(passedOn);
    }

    @Test
    void onlyTheCanonicalPathIsTakenEverythingElseGoesOnToCxf() throws Exception {
        List<String> uris = List.of("/v1/embeds/" + FINISHED + "/file/", "/v1/embeds/" + FINISHED,
                "/v1/embeds/" + FINISHED + "/content", "/v1/embeds//file", "/v1/embeds/../file",
                "/v1/embeds/a%2Fb/file", "/v1/embeds/a/b/file", "/v1/embeds/" + FINISHED + "/file;x=1",
                "/v1/embeds/file", "/v2/embeds/" + FINISHED + "/file", "/embeds/" + FINISHED + "/file", "/");
        for (String uri : uris) {
            passedOn = false;
            ServletFakes.Response r = send(new ServletFakes.Request("GET", uri));
            assertTrue(passedOn, uri);
            assertEquals(0, r.body.size(), uri);
        }
        for (String method : List.of("POST", "DELETE", "PUT", "OPTIONS")) {
            passedOn = false;
            send(file(method, FINISHED).header("Authorization", "Bearer " + ALICE_KEY));
            assertTrue(passedOn, method);
        }
        assertEquals(0, fixture.opens.get());
    }

    @Test
    void thePathFollowsTheConfiguredAddress() {
        FileDownloadPreprocessor api = new FileDownloadPreprocessor(fixture.embeds(), fixture.users(),
                fixture.sessions(), "api/");
        assertEquals("x-1", api.embedId("/api/embeds/x-1/file"));
        assertNull(api.embedId("/v1/embeds/x-1/file"));
        assertEquals("A.b_c~9", preprocessor.embedId("/v1/embeds/A.b_c~9/file"));
    }

    private ServletFakes.Response send(ServletFakes.Request request) throws Exception {
        ServletFakes.Response r = new ServletFakes.Response();
        preprocessor.doFilter(request.build(), r.build(), (rq, rs) -> passedOn = true);
        return r;
    }

    private static ServletFakes.Request file(String method, String embedId) {
        return new ServletFakes.Request(method, "/v1/embeds/" + embedId + "/file");
    }

    static void assertProblem(ServletFakes.Response r, int status, String code) throws Exception {
        assertEquals(status, r.status, r.text());
        assertEquals("application/problem+json", r.header("Content-Type"));
        JsonNode doc = JSON.readTree(r.text());
        assertEquals(code, doc.path("code").asText(), r.text());
        assertEquals(status, doc.path("status").asInt());
        assertEquals("https://karafimages.io/problems/" + code, doc.path("type").asText());
        assertTrue(doc.path("title").isTextual() && doc.path("detail").isTextual() && doc.has("retryable"));
        assertEquals(String.valueOf(r.body.size()), r.header("Content-Length"));
    }
}
