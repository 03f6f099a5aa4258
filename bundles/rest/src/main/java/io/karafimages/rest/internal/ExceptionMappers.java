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
            // CXF's own messages may name classes or parameters: only the status is described
            String detail = status == 404 ? "No such resource." : Problems.title(status) + ".";
            return Problems.of(status, RequestGuard.code(status), detail, status >= 500).build();
        }
    }

    /** Everything else, checked exceptions and Errors (an OutOfMemoryError, say) included. */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof ImagesException ie) {
                return new Images().toResponse(ie);
            }
            if (e instanceof WebApplicationException we) {
                return new Web().toResponse(we);
            }
            java.util.Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.in(e);
            if (tooLarge.isPresent()) {
                return BodyTooLargeException.problem(tooLarge.get().limit());
            }
            if (e instanceof OutOfMemoryError) {
                LOG.error("Out of memory in a REST call"); // no stack: it would need memory, and says nothing new
                return Problems.of(503, "overloaded", "The server is overloaded; try again shortly.", true)
                        .header("Retry-After", 5).build();
            }
            LOG.error("Unexpected error in a REST call", e);
            return Problems.of(500, "internal_error", "An internal error occurred; it has been logged.", true)
                    .build();
        }
    }
}
