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

    /**
     * The problem document for whatever a call threw, logged as it deserves: the one mapping for CXF's resources
     * and for the file downloads served outside CXF ({@link FileDownloadPreprocessor}).
     */
    static Problem problem(Throwable e) {
        if (e instanceof ImagesException ie) {
            if (ie.httpStatus() >= 500) {
                LOG.warn("{}: {}", ie.code(), ie.getMessage(), ie.getCause());
            }
            return Problem.of(ie);
        }
        if (e instanceof WebApplicationException we) {
            int status = we.getResponse().getStatus();
            // CXF's own messages may name classes or parameters: only the status is described
            String detail = status == 404 ? "No such resource." : Problems.title(status) + ".";
            return new Problem(status, RequestGuard.code(status), detail, status >= 500);
        }
        java.util.Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.in(e);
        if (tooLarge.isPresent()) {
            return BodyTooLargeException.problem(tooLarge.get().limit());
        }
        if (e instanceof OutOfMemoryError) {
            LOG.error("Out of memory in a REST call"); // no stack: it would need memory, and says nothing new
            return new Problem(503, "overloaded", "The server is overloaded; try again shortly.", true)
                    .with("Retry-After", "5");
        }
        LOG.error("Unexpected error in a REST call", e);
        return new Problem(500, "internal_error", "An internal error occurred; it has been logged.", true);
    }

    static final class Images implements ExceptionMapper<ImagesException> {
        @Override
        public Response toResponse(ImagesException e) {
            return problem(e).response();
        }
    }

    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            return problem(e).response();
        }
    }

    /** Everything else, checked exceptions and Errors (an OutOfMemoryError, say) included. */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return problem(e).response();
        }
    }
}
