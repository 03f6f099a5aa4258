package io.karafimages.rest.internal;

import java.io.IOException;

import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ReadListener;
import javax.servlet.ServletException;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servlet-level guard in front of every servlet of the runtime (a whiteboard {@link Preprocessor} runs before
 * the servlet is chosen), for what happens before CXF's exception mappers can act (security review M6, issue 11):
 * <ul>
 * <li>a body declared larger than its limit by {@code Content-Length} is answered 413 {@code request_too_large}
 * without reading it; a chunked body is counted as it is read and stops at the limit
 * ({@link BodyTooLargeException}, mapped to the same 413 wherever it surfaces);</li>
 * <li>errors the container itself would answer with its HTML error page ({@code sendError} by a servlet, anything
 * thrown out of a servlet, an {@link OutOfMemoryError} included) become problem documents without internals.</li>
 * </ul>
 * Limits: {@value #UPLOAD_LIMIT} bytes for {@code POST /v1/embeds} (uploads), {@value #BODY_LIMIT} for every other
 * request; the resources enforce their own, tighter limits on top.
 */
@Component(service = Preprocessor.class, property = {
    // a name of its own: Pax Web refuses a second preprocessor with the default name (the web app has one)
    "osgi.http.whiteboard.filter.name=images-request-guard",
    "service.ranking:Integer=1000" })
public final class RequestGuard implements Preprocessor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
    static final long BODY_LIMIT = SkillsResource.MAX_JSON;
    static final long UPLOAD_LIMIT = EmbedsResource.MAX_UPLOAD;

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        long limit = limitFor(req);
        if (req.getContentLengthLong() > limit) {
            resp.setHeader("Connection", "close"); // the body is not read: do not keep the connection for it
            write(resp, 413, "request_too_large", BodyTooLargeException.detail(limit), false);
            return;
        }
        boolean upgrade = req.getHeader("Upgrade") != null; // the WebSocket handshake wants Jetty's own objects
        try {
            chain.doFilter(upgrade ? req : new Guarded(req, limit), upgrade ? resp : new ProblemErrors(resp));
        } catch (Throwable t) { // NOPMD: whatever escapes a servlet would become the container's HTML page
            fail(req, resp, t);
        }
    }

    static long limitFor(HttpServletRequest req) {
        return "POST".equals(req.getMethod()) && "/v1/embeds".equals(req.getRequestURI()) ? UPLOAD_LIMIT : BODY_LIMIT;
    }

    private static void fail(HttpServletRequest req, HttpServletResponse resp, Throwable t) throws IOException {
        java.util.Optional<BodyTooLargeException> tooLarge = BodyTooLargeException.in(t);
        if (tooLarge.isEmpty()) {
            if (t instanceof OutOfMemoryError) {
                LOG.error("Out of memory serving {} {}", req.getMethod(), req.getRequestURI());
            } else {
                LOG.error("Unexpected error serving {} {}", req.getMethod(), req.getRequestURI(), t);
            }
        }
        if (resp.isCommitted()) {
            return; // nothing can be said any more: the client sees the connection end
        }
        resp.reset();
        if (tooLarge.isPresent()) {
            resp.setHeader("Connection", "close");
            write(resp, 413, "request_too_large", BodyTooLargeException.detail(tooLarge.get().limit()), false);
        } else {
            write(resp, 500, "internal_error", "An internal error occurred; it has been logged.", true);
        }
    }

    /** A problem document: no JAX-RS here, and nothing from the request is echoed. */
    static void write(HttpServletResponse resp, int status, String code, String detail, boolean retryable)
            throws IOException {
        new Problem(status, code, detail, retryable).write(resp, false);
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "request_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    /** The body, counted as it is read. */
    private static final class Guarded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Guarded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counted extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counted(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private int counted(int n) throws BodyTooLargeException {
            if (n > 0 && (count += n) > limit) {
                throw new BodyTooLargeException(limit);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(in.read(b, off, len));
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    /** {@code sendError} answers with a problem document instead of the container's HTML error page. */
    private static final class ProblemErrors extends HttpServletResponseWrapper {
        ProblemErrors(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                super.sendError(status);
                return;
            }
            resetBuffer();
            // the container's message may name classes or paths: only the status is kept
            write((HttpServletResponse) getResponse(), status, code(status), status == 404 ? "No such resource."
                    : Problems.title(status) + ".", status >= 500);
        }
    }
}
