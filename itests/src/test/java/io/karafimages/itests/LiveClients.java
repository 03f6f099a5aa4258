package io.karafimages.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test clients of the live events: an SSE reader, a WebSocket that collects messages, a socket that never reads. */
final class LiveClients {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private LiveClients() {
    }

    /** One SSE event as the stream sent it: its id (null if none) and data, or a comment. */
    record SseEvent(String id, String data, String comment) {
        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }
    }

    /** Reads {@code GET /v1/events} on a thread of its own. */
    static final class Sse implements AutoCloseable {
        final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
        final int status;
        private final Stream<String> lines;
        private final Thread reader;

        Sse(int port, String apiKey, String lastEventId) throws Exception {
            this(port, "Authorization", "Bearer " + apiKey, lastEventId);
        }

        /** @param authHeader {@code Authorization} or {@code Cookie} */
        Sse(int port, String authHeader, String authValue, String lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                    .header("Accept", "text/event-stream").header(authHeader, authValue);
            if (lastEventId != null) {
                b.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> r = CLIENT.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofLines())
                    .get(20, TimeUnit.SECONDS);
            status = r.statusCode();
            lines = r.body();
            reader = new Thread(() -> {
                String[] id = { null };
                StringBuilder data = new StringBuilder();
                try {
                    lines.forEach(line -> {
                        if (line.isEmpty()) {
                            if (data.length() > 0) {
                                events.add(new SseEvent(id[0], data.toString(), null));
                            }
                            id[0] = null;
                            data.setLength(0);
                        } else if (line.startsWith(":")) {
                            events.add(new SseEvent(null, null, line.substring(1).trim()));
                        } else if (line.startsWith("id:")) {
                            id[0] = line.substring(3).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5).trim());
                        }
                    });
                } catch (RuntimeException closed) {
                    // the stream ended
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The next data event that matches, skipping others; fails after the deadline. */
        SseEvent next(Predicate<SseEvent> wanted, Duration deadline) throws InterruptedException {
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                SseEvent e = events.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (e != null && wanted.test(e)) {
                    return e;
                }
            }
            throw new AssertionError("no matching SSE event within " + deadline);
        }

        @Override
        public void close() {
            lines.close();
            reader.interrupt();
        }
    }

    /** A WebSocket client that keeps every text message. */
    static final class Ws implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        volatile int closeCode = -1;
        WebSocket socket;

        static Ws open(int port, String origin, String sessionCookie) {
            Ws ws = new Ws();
            WebSocket.Builder b = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            if (origin != null) {
                b.header("Origin", origin);
            }
            if (sessionCookie != null) {
                b.header("Cookie", "images_session=" + sessionCookie);
            }
            ws.socket = b.buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), ws).join();
            return ws;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        JsonNode next(Predicate<JsonNode> wanted, Duration deadline) throws InterruptedException {
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end) {
                JsonNode m = messages.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
                if (m != null && wanted.test(m)) {
                    return m;
                }
            }
            throw new AssertionError("no matching socket message within " + deadline);
        }

        /** Every message that arrives within the time, matching or not. */
        List<JsonNode> drain(Duration time) throws InterruptedException {
            Thread.sleep(time.toMillis());
            List<JsonNode> out = new java.util.ArrayList<>();
            messages.drainTo(out);
            return out;
        }

        void ack(String embedId) {
            socket.sendText("{\"type\":\"ack\",\"embed_id\":\"" + embedId + "\"}", true).join();
        }

        @Override
        public void close() {
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                        .exceptionally(x -> null).join();
            }
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /** Completes the upgrade handshake and then never reads a byte: the slowest client there is. */
    static Socket neverReading(int port, String origin, String sessionCookie) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        OutputStream out = s.getOutputStream();
        out.write(("GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nOrigin: " + origin + "\r\nCookie: images_session=" + sessionCookie
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }
}
