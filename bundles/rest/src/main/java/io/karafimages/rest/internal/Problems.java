package io.karafimages.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.core.Response;

import io.karafimages.api.ImagesException;

/** RFC 9457 problem documents with our stable codes. */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static Response of(ImagesException e) {
        // the operator detail of backend faults is logged by the mapper, not shown (security review L7)
        Response.ResponseBuilder b = of(e.httpStatus(), e.code(), e.publicMessage(), e.retryable());
        if (e.httpStatus() == 429 || e.httpStatus() == 503) {
            b.header("Retry-After", e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(5L));
        }
        return b.build();
    }

    static Response.ResponseBuilder of(int status, String code, String detail, boolean retryable) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://karafimages.io/problems/" + code);
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.put("retryable", retryable);
        return Response.status(status).type(MEDIA_TYPE).entity(body);
    }

    static String title(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return s != null ? s.getReasonPhrase() : "Error";
    }
}
