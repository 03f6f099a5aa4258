package io.karafimages.rest.internal;

import static io.karafimages.rest.internal.FileDownloadFixture.ALICE;
import static io.karafimages.rest.internal.FileDownloadFixture.ALICE_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.StreamingOutput;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.api.RenditionFormat;

/**
 * The two ways a download is served answer alike: for every combination of method, embed, format and
 * precondition, {@link FileDownloadPreprocessor} (in front of CXF) and {@link EmbedsResource} (in CXF, its errors
 * mapped by {@link ExceptionMappers} as CXF does) give the same status, headers and bytes.
 */
class FileDownloadParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FileDownloadFixture fixture = new FileDownloadFixture();
    private final FileDownloadPreprocessor preprocessor = new FileDownloadPreprocessor(fixture.embeds(),
            fixture.users(), fixture.sessions(), "/v1");
    private final EmbedsResource resource = new EmbedsResource(fixture.embeds(), null);

    @Test
    void bothPathsAnswerEveryRequestAlike() throws Exception {
        String full = FileDownloadFixture.etag(FileDownloadFixture.FINISHED, RenditionFormat.FULL);
        int compared = 0;
        for (String method : List.of("GET", "HEAD")) {
            for (String embed : List.of(FileDownloadFixture.FINISHED, FileDownloadFixture.BOBS,
                    FileDownloadFixture.BUSY, "nope")) {
                for (String format : Arrays.asList(null, "preview", "full", "original", "huge", "")) {
                    for (String ifNoneMatch : Arrays.asList(null, full, "W/" + full, "*", "\"x\"")) {
                        for (String ifMatch : Arrays.asList(null, full, "\"x\"")) {
                            compare(method, embed, format, ifNoneMatch, ifMatch);
                            compared++;
                        }
                    }
                }
            }
        }
        assertEquals(2 * 4 * 6 * 5 * 3, compared);
    }

    private void compare(String method, String embed, String format, String ifNoneMatch, String ifMatch)
            throws Exception {
        String what = method + " " + embed + " format=" + format + " If-None-Match=" + ifNoneMatch + " If-Match="
                + ifMatch;
        ServletFakes.Request request = new ServletFakes.Request(method, "/v1/embeds/" + embed + "/file")
                .header("Authorization", "Bearer " + ALICE_KEY);
        if (format != null) {
            request.parameter("format", format);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
            headers.put("If-None-Match", List.of(ifNoneMatch));
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
            headers.put("If-Match", List.of(ifMatch));
        }
        ServletFakes.Response servlet = new ServletFakes.Response();
        preprocessor.doFilter(request.build(), servlet.build(), (rq, rs) -> {
            throw new AssertionError("passed on: " + what);
        });

        Response cxf = viaCxf(method, embed, format, headers);
        assertEquals(cxf.getStatus(), servlet.status, what);
        Map<String, String> cxfHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        cxf.getStringHeaders().forEach((name, values) -> cxfHeaders.put(name, String.join(",", values)));
        Map<String, String> servletHeaders = new TreeMap<>(servlet.headers);
        byte[] cxfBody = body(cxf);
        if (cxf.getStatus() >= 400) { // CXF adds the length of a problem document when it writes it
            cxfHeaders.put("Content-Length", String.valueOf(cxfBody.length));
        }
        assertEquals(cxfHeaders, servletHeaders, what);
        if (method.equals("GET")) {
            assertArrayEquals(cxfBody, servlet.body.toByteArray(), what);
        } else {
            assertEquals(0, servlet.body.size(), what);
        }
        assertTrue(servlet.status == 200 || servlet.body.size() == 0 || servlet.status >= 400, what);
    }

    private Response viaCxf(String method, String embed, String format, Map<String, List<String>> headers) {
        HttpHeaders httpHeaders = (HttpHeaders) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { HttpHeaders.class }, (p, m, a) -> m.getName().equals("getRequestHeader")
                        ? headers.get((String) a[0]) : null);
        SecurityContext alice = (SecurityContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { SecurityContext.class }, (p, m, a) -> m.getName().equals("getUserPrincipal")
                        ? (Principal) ALICE::id : null);
        try {
            return method.equals("GET") ? resource.file(embed, format, alice, httpHeaders)
                    : resource.fileHead(embed, format, alice, httpHeaders);
        } catch (RuntimeException e) { // what CXF's exception mappers make of it
            return ExceptionMappers.problem(e).response();
        }
    }

    private static byte[] body(Response r) throws Exception {
        Object entity = r.getEntity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (entity instanceof StreamingOutput s) {
            s.write(out);
        } else if (entity != null) {
            out.write(JSON.writeValueAsBytes(entity));
        }
        return out.toByteArray();
    }
}
