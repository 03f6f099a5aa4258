package io.karafimages.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.FilterChain;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/**
 * The servlet-level guard (security review M6 and issue 11's probe: a 50 MB body answered 500 with the container's
 * HTML page naming OutOfMemoryError). The bodies here are generated as they are read, never held.
 */
class RequestGuardTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;
    private final RequestGuard guard = new RequestGuard();
    private ServletFakes.Response sent = new ServletFakes.Response();
    private boolean chainCalled;

    @Test
    void aDeclaredFiftyMegabyteBodyIs413WithoutBeingRead() throws Exception {
        guard.doFilter(request("POST", "/v1/apps/images/generate", FIFTY_MB, FIFTY_MB), response(),
                (rq, rs) -> chainCalled = true);
        assertFalse(chainCalled);
        assertProblem(413, "request_too_large");
        assertEquals("close", sent.header("Connection"));
    }

    @Test
    void uploadsHaveTheirOwnLargerLimit() throws Exception {
        long tenMb = 10L * 1024 * 1024;
        guard.doFilter(request("POST", "/v1/embeds", tenMb, tenMb), response(), (rq, rs) -> chainCalled = true);
        assertTrue(chainCalled, "10 MB is a fine upload");
        sent = new ServletFakes.Response();
        guard.doFilter(request("POST", "/v1/embeds", FIFTY_MB, FIFTY_MB), response(), (rq, rs) -> { });
        assertProblem(413, "request_too_large");
        assertTrue(body().contains("20 MB"), body());
    }

    @Test
    void aChunkedBodyIsCountedAsItIsReadAndStopsAtTheLimit() throws Exception {
        long[] read = { 0 };
        FilterChain readsEverything = (rq, rs) -> {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = rq.getInputStream().read(buffer)) > 0) {
                read[0] += n;
            }
        };
        guard.doFilter(request("POST", "/v1/apps/images/generate", -1, FIFTY_MB), response(), readsEverything);
        assertProblem(413, "request_too_large");
        assertTrue(read[0] <= RequestGuard.BODY_LIMIT, "reading stopped at the limit: " + read[0]);
    }

    @Test
    void anErrorOutOfAServletIsAProblemDocumentWithoutItsName() throws Exception {
        guard.doFilter(request("POST", "/v1/apps/images/generate", 10, 10), response(), (rq, rs) -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertProblem(500, "internal_error");
        assertFalse(body().contains("OutOfMemory") || body().contains("java."), body());
    }

    @Test
    void theContainersSendErrorBecomesAProblemDocument() throws Exception {
        guard.doFilter(request("GET", "/v1/nothing/here", -1, 0), response(), (rq, rs) ->
                ((HttpServletResponse) rs).sendError(404, "No servlet at /v1/nothing/here in org.eclipse.jetty"));
        assertProblem(404, "not_found");
        assertFalse(body().contains("jetty") || body().contains("/v1/nothing"), body());
        sent = new ServletFakes.Response();
        guard.doFilter(request("PUT", "/v1/health", -1, 0), response(), (rq, rs) ->
                ((HttpServletResponse) rs).sendError(405));
        assertProblem(405, "method_not_allowed");
    }

    private void assertProblem(int status, String code) {
        assertEquals(status, sent.status);
        assertEquals("application/problem+json", sent.header("Content-Type"));
        assertTrue(body().contains("\"code\":\"" + code + "\""), body());
        assertTrue(body().contains("\"status\":" + status), body());
    }

    private String body() {
        return sent.text();
    }

    private static HttpServletRequest request(String method, String uri, long contentLength, long actualBytes) {
        return new ServletFakes.Request(method, uri).body(contentLength, actualBytes).build();
    }

    private HttpServletResponse response() {
        return sent.build();
    }
}
