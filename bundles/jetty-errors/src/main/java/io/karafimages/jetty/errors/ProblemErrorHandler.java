package io.karafimages.jetty.errors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The server-wide error handler: what Jetty answers itself, where no servlet (and so no {@code RequestGuard} of the
 * REST bundle) is involved, is an RFC 9457 problem document like every other error of the API (issue 11, security
 * review M6), never Jetty's HTML page with its reason text:
 * <ul>
 * <li>requests Jetty cannot parse ({@link #badMessageError}): a bad request line or URI (400
 * {@code bad_request}), headers over the limit (431 {@code headers_too_large}), a URI too long (414), an unknown
 * HTTP version (505);</li>
 * <li>errors Jetty raises after parsing but outside any context ({@link #generateAcceptableResponse}).</li>
 * </ul>
 * The document names the status and a stable code, never what Jetty's parser said about the request (that could
 * echo the request back). Contexts keep their own error handlers; servlets' errors are the REST bundle's business.
 */
public class ProblemErrorHandler extends ErrorHandler {
    static final String MEDIA_TYPE = "application/problem+json";

    public ProblemErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields fields) {
        fields.put(HttpHeader.CONTENT_TYPE, MEDIA_TYPE);
        return ByteBuffer.wrap(document(status));
    }

    /** Every method gets the document (Jetty's default answers only GET, POST and HEAD with a body). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        byte[] body = document(code);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    /** The problem document of a status: the same fields, in the same order, as the REST API's. */
    static byte[] document(int status) {
        String code = code(status);
        return ("{\"type\":\"https://karafimages.io/problems/" + code + "\",\"title\":\"" + title(status)
                + "\",\"status\":" + status + ",\"detail\":\"" + detail(status) + "\",\"code\":\"" + code
                + "\",\"retryable\":" + retryable(status) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Only a server fault may pass: a request Jetty cannot parse fails the same way every time. */
    static boolean retryable(int status) {
        return status == 500 || status == 503;
    }

    static String code(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "request_too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is not valid HTTP (request line, URI or headers).";
            case 413 -> "The request is too large.";
            case 414 -> "The request URI is too long.";
            case 431 -> "The request's headers are too large.";
            case 505 -> "Only HTTP/1.0 and HTTP/1.1 are served.";
            default -> status >= 500 ? "The server could not answer the request." : title(status) + ".";
        };
    }

    /** The reason phrase ({@code "Request Header Fields Too Large"}), plain ASCII letters and spaces. */
    static String title(int status) {
        String message = HttpStatus.getMessage(status);
        return message == null ? "Error" : message.replaceAll("[^A-Za-z0-9 '-]", "");
    }
}
