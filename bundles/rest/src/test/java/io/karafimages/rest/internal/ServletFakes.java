package io.karafimages.rest.internal;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Servlet requests and responses for filters and preprocessors tested without a container: the request answers
 * what it was given, the response records what was set and written, as Jetty would before sending it.
 */
final class ServletFakes {
    private ServletFakes() {
    }

    /** A request; a body of {@code actualBytes} is generated as it is read, never held. */
    static final class Request {
        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final Map<String, String> parameters = new TreeMap<>();
        private final List<Cookie> cookies = new ArrayList<>();
        private long contentLength = -1;
        private long actualBytes;

        Request(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        Request header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        Request parameter(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        Request cookie(String name, String value) {
            cookies.add(new Cookie(name, value));
            return this;
        }

        Request body(long declaredLength, long actual) {
            this.contentLength = declaredLength;
            this.actualBytes = actual;
            return this;
        }

        HttpServletRequest build() {
            ServletInputStream in = generated(actualBytes);
            return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                    new Class<?>[] { HttpServletRequest.class }, (p, m, a) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI" -> uri;
                        case "getContentLengthLong" -> contentLength;
                        case "getInputStream" -> in;
                        case "getHeader" -> headers.getOrDefault((String) a[0], List.of()).stream().findFirst()
                                .orElse(null);
                        case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) a[0], List.of()));
                        case "getParameter" -> parameters.get((String) a[0]);
                        case "getCookies" -> cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
                        case "toString" -> method + " " + uri;
                        default -> null;
                    });
        }
    }

    private static ServletInputStream generated(long bytes) {
        return new ServletInputStream() {
            private long left = bytes;

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
    }

    /** What a servlet or filter answered. {@code sendError} fails the test: no container error page is wanted. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean committed;
        /** When set, every write fails as it does when the client has gone away. */
        boolean clientGone;
        /** When set, every write waits for it (a slow client). */
        volatile java.util.concurrent.CountDownLatch writable;

        String header(String name) {
            return headers.get(name);
        }

        String text() {
            return body.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse build() {
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public void write(int b) throws java.io.IOException {
                    write(new byte[] { (byte) b }, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws java.io.IOException {
                    if (clientGone) {
                        committed = true;
                        throw new java.io.EOFException("the client closed the connection");
                    }
                    java.util.concurrent.CountDownLatch gate = writable;
                    if (gate != null) {
                        try {
                            gate.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new java.io.InterruptedIOException();
                        }
                    }
                    body.write(b, off, len);
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
            return (HttpServletResponse) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                    new Class<?>[] { HttpServletResponse.class }, (p, m, a) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) a[0];
                            case "setContentType" -> headers.put("Content-Type", (String) a[0]);
                            case "setContentLength", "setContentLengthLong" ->
                                headers.put("Content-Length", String.valueOf(a[0]));
                            case "setHeader" -> headers.put((String) a[0], (String) a[1]);
                            case "getOutputStream" -> {
                                return out;
                            }
                            case "isCommitted" -> {
                                return committed;
                            }
                            case "flushBuffer" -> committed = true;
                            case "reset" -> {
                                if (committed) {
                                    throw new IllegalStateException("committed");
                                }
                                status = 200;
                                headers.clear();
                                body.reset();
                            }
                            case "resetBuffer" -> body.reset();
                            case "sendError" -> throw new AssertionError("the container's error page was asked for");
                            default -> { }
                        }
                        return null;
                    });
        }
    }
}
