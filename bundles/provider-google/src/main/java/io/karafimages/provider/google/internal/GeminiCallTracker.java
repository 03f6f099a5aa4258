package io.karafimages.provider.google.internal;

import io.karafimages.spi.provider.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The outermost OkHttp interceptor of the SDK's client. It gives back two things the google-genai SDK hides:
 * the HTTP call itself, so a cancelled task can abort its request at once, and the wait a failed answer asks
 * for ({@code Retry-After} header, or {@code google.rpc.RetryInfo.retryDelay} in the error body), which the SDK's
 * {@code ApiException} drops.
 *
 * <p>Each generation opens a {@link Tracked} handle and passes its id in the internal {@value #CALL_HEADER}
 * request header; the interceptor strips that header before the request leaves, so Google never sees it.
 * Thread-safe: the SDK runs interceptors on OkHttp's dispatcher threads.
 */
final class GeminiCallTracker implements Interceptor {
    static final String CALL_HEADER = "X-Karaf-Images-Call";
    private static final long MAX_ERROR_BODY = 64 * 1024;

    private final ConcurrentMap<String, Tracked> open = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    GeminiCallTracker(Clock clock) {
        this.clock = clock;
    }

    /** Starts tracking one generation; close the handle when it is over. */
    Tracked open() {
        Tracked t = new Tracked(UUID.randomUUID().toString());
        open.put(t.id, t);
        return t;
    }

    private final java.util.concurrent.atomic.AtomicInteger cancels = new java.util.concurrent.atomic.AtomicInteger();

    /** How many generations were cancelled (for tests and diagnostics). */
    int cancels() {
        return cancels.get();
    }

    /** How many generations are being tracked now (for tests and diagnostics). */
    int openCalls() {
        return open.size();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String id = request.header(CALL_HEADER);
        Tracked tracked = id == null ? null : open.get(id);
        if (tracked != null) {
            tracked.attach(chain.call());
        }
        Response response = chain.proceed(id == null ? request : request.newBuilder().removeHeader(CALL_HEADER).build());
        if (tracked != null && !response.isSuccessful()) {
            tracked.retryAfter = retryAfter(response);
        }
        return response;
    }

    private Optional<Duration> retryAfter(Response response) {
        Optional<Duration> header = RetryAfter.fromHeader(response.header("Retry-After"), clock);
        if (header.isPresent()) {
            return header;
        }
        try {
            // peekBody leaves the body for the SDK, which reads error.message from it
            JsonNode details = json.readTree(response.peekBody(MAX_ERROR_BODY).string()).path("error").path("details");
            for (JsonNode detail : details) {
                if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
                    return RetryAfter.fromProtoDuration(detail.path("retryDelay").asText(null));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: no hint, the task engine uses its own backoff
        }
        return Optional.empty();
    }

    /** One tracked generation. */
    final class Tracked implements AutoCloseable {
        private final String id;
        private volatile Call call;
        private volatile boolean cancelled;
        private volatile Optional<Duration> retryAfter = Optional.empty();

        private Tracked(String id) {
            this.id = id;
        }

        /** The value for {@link GeminiCallTracker#CALL_HEADER}. */
        String id() {
            return id;
        }

        /** What the last failed HTTP answer asked us to wait, if it said. */
        Optional<Duration> retryAfter() {
            return retryAfter;
        }

        /** Aborts the HTTP call now, or as soon as it starts. */
        void cancel() {
            if (!cancelled) {
                cancels.incrementAndGet();
            }
            cancelled = true;
            Call c = call;
            if (c != null) {
                c.cancel();
            }
        }

        private void attach(Call c) {
            call = c;
            if (cancelled) {
                c.cancel();
            }
        }

        @Override
        public void close() {
            open.remove(id);
        }
    }
}
