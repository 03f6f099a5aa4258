package io.karafimages.rest.internal;

import javax.ws.rs.core.Response;

import io.karafimages.api.ImagesException;

/** RFC 9457 problem documents with our stable codes, as JAX-RS responses (see {@link Problem}). */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static Response of(ImagesException e) {
        return Problem.of(e).response();
    }

    static Response.ResponseBuilder of(int status, String code, String detail, boolean retryable) {
        return new Problem(status, code, detail, retryable).builder();
    }

    static String title(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return s != null ? s.getReasonPhrase() : "Error";
    }
}
