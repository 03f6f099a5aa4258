package io.karafimages.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.servlet.FilterChain;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
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
    private final Map<String, Object> sent = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean chainCalled;

    @Test
    void aDeclaredFiftyMegabyteBodyIs413WithoutBeingRead() throws Exception {
        guard.doFilter(request("POST", "/v1/apps/images/generate", FIFTY_MB, FIFTY_MB), response(),
                (rq, rs) -> chainCalled = true);
        assertFalse(chainCalled);
        assertProblem(413, "request_too_large");
        assertEquals("close", sent.get("Connection"));
    }

    @Test
    void uploadsHaveTheirOwnLargerLimit() throws Exception {
        long tenMb = 10L * 1024 * 1024;
        guard.doFilter(request("POST", "/v1/embeds", tenMb, tenMb), response(), (rq, rs) -> chainCalled = true);
        assertTrue(chainCalled, "10 MB is a fine upload");
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
        body.reset();
        guard.doFilter(request("PUT", "/v1/health", -1, 0), response(), (rq, rs) ->
                ((HttpServletResponse) rs).sendError(405));
        assertProblem(405, "method_not_allowed");
    }

    private void assertProblem(int status, String code) {
        assertEquals(status, sent.get("status"));
        assertEquals("application/problem+json", sent.get("contentType"));
        assertTrue(body().contains("\"code\":\"" + code + "\""), body());
        assertTrue(body().contains("\"status\":" + status), body());
    }

    private String body() {
        return body.toString(StandardCharsets.UTF_8);
    }

    private static HttpServletRequest request(String method, String uri, long contentLength, long actualBytes) {
        ServletInputStream in = new ServletInputStream() {
            private long left = actualBytes;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                left -= n;
                return n;
            }

            @Override
            public boolean isFinished() {
                return left <= 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener l) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(RequestGuardTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI" -> uri;
                    case "getContentLengthLong" -> contentLength;
                    case "getInputStream" -> in;
                    case "getHeader" -> null;
                    default -> null;
                });
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(RequestGuardTest.class.getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> sent.put("status", a[0]);
                        case "setContentType" -> sent.put("contentType", a[0]);
                        case "setHeader" -> sent.put((String) a[0], a[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "isCommitted" -> {
                            return false;
                        }
                        case "sendError" -> throw new AssertionError("the container's error page was asked for");
                        default -> { }
                    }
                    return null;
                });
    }
}
