package io.karafimages.rest.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.ImagesException;

/** Every error leaves as a problem document; unexpected ones are logged and never show a stack trace. */
final class ExceptionMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {
    }

    static final class Images implements ExceptionMapper<ImagesException> {
        @Override
        public Response toResponse(ImagesException e) {
            if (e.httpStatus() >= 500) {
                LOG.warn("{}: {}", e.code(), e.getMessage(), e.getCause());
            }
            return Problems.of(e);
        }
    }

    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String code = switch (status) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 406 -> "not_acceptable";
                case 415 -> "unsupported_media_type";
                default -> "http_" + status;
            };
            String detail = status == 404 ? "No such resource." : e.getMessage();
            return Problems.of(status, code, detail, false).build();
        }
    }

    static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof ImagesException ie) {
                return new Images().toResponse(ie);
            }
            if (e instanceof WebApplicationException we) {
                return new Web().toResponse(we);
            }
            LOG.error("Unexpected error in a REST call", e);
            return Problems.of(500, "internal_error", "An internal error occurred; it has been logged.", true)
                    .build();
        }
    }
}
