package io.karafimages.core.internal.svg;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that answers every path with a small red SVG and records what was asked:
 * hostile SVGs point at it, and an empty record proves nothing was fetched.
 */
final class RecordingHttpServer implements AutoCloseable {
    private static final byte[] RED = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\">"
            + "<rect id=\"x\" width=\"100\" height=\"100\" fill=\"red\"/></svg>").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            exchange.getResponseHeaders().add("Content-Type", "image/svg+xml");
            exchange.sendResponseHeaders(200, RED.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(RED);
            }
        });
        server.start();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:40123}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
