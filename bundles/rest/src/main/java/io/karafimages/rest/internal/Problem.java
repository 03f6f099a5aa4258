package io.karafimages.rest.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.api.ImagesException;

/**
 * One RFC 9457 problem document with our stable code and the headers that belong to it ({@code Retry-After},
 * {@code WWW-Authenticate}), before it is written: as a JAX-RS {@link Response} by CXF's resources, filters and
 * mappers, or straight into a servlet response by what answers outside CXF ({@link RequestGuard},
 * {@link FileDownloadPreprocessor}). Both write the same fields in the same order.
 */
record Problem(int status, String code, String detail, boolean retryable, Map<String, String> headers) {
    static final String TYPE_PREFIX = "https://karafimages.io/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    Problem(int status, String code, String detail, boolean retryable) {
        this(status, code, detail, retryable, Map.of());
    }

    /** The problem an {@link ImagesException} stands for; backend detail stays out (security review L7). */
    static Problem of(ImagesException e) {
        Problem p = new Problem(e.httpStatus(), e.code(), e.publicMessage(), e.retryable());
        if (e.httpStatus() == 429 || e.httpStatus() == 503) {
            long seconds = e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(5L);
            return p.with("Retry-After", Long.toString(seconds));
        }
        return p;
    }

    Problem with(String header, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(header, value);
        return new Problem(status, code, detail, retryable, Map.copyOf(all));
    }

    /** The document's fields, in the order the API shows them. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code);
        body.put("title", Problems.title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.put("retryable", retryable);
        return body;
    }

    Response.ResponseBuilder builder() {
        Response.ResponseBuilder b = Response.status(status).type(Problems.MEDIA_TYPE).entity(body());
        headers.forEach(b::header);
        return b;
    }

    Response response() {
        return builder().build();
    }

    /**
     * Writes the problem as the whole response (the caller has checked that nothing was committed). A HEAD
     * answer gets the headers and the length of the document, not the document.
     */
    void write(HttpServletResponse resp, boolean head) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body());
        resp.setStatus(status);
        headers.forEach(resp::setHeader);
        resp.setContentType(Problems.MEDIA_TYPE);
        resp.setContentLength(bytes.length);
        if (!head) {
            resp.getOutputStream().write(bytes);
        }
        resp.flushBuffer();
    }
}
