package io.karafimages.provider.fal.internal;

import io.karafimages.spi.provider.RetryAfter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonObject;

import io.karafimages.provider.fal.internal.FalFailures.Step;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The fal.ai queue protocol over OkHttp: submit ({@code POST {base}/{model}}), status ({@code GET status_url?logs=1}),
 * result ({@code GET response_url}), cancel ({@code PUT cancel_url}) and the image download. The three URLs are
 * taken from the submit answer, never rebuilt: for a model with a sub-path they name only the app
 * ({@code fal-ai/flux-2/requests/...}). The API key goes only to the configured endpoint's host, never to the CDN
 * that serves the image. Calls are synchronous and bounded by OkHttp timeouts. Thread-safe.
 */
final class FalQueueClient implements AutoCloseable {
    /** A submitted request's handle, from fal's submit answer. */
    record Submitted(String requestId, HttpUrl statusUrl, HttpUrl responseUrl, HttpUrl cancelUrl) {
    }

    /** One status answer: IN_QUEUE, IN_PROGRESS or COMPLETED (or FAILED/CANCELED where fal reports them). */
    record Status(String state, int queuePosition, List<String> logs) {
    }

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final long MAX_JSON_BYTES = 8L * 1024 * 1024;
    private static final long MAX_IMAGE_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FalQueueClient.class);

    private final FalSettings settings;
    private final Clock clock;
    private final OkHttpClient http;
    /** Same pool, shorter bound: a cancel is a courtesy and must not hold a cancelled task for long. */
    private final OkHttpClient cancelHttp;
    /** Image downloads: no automatic redirects (each hop is checked), internal addresses refused at lookup. */
    private final OkHttpClient downloadHttp;
    private final DownloadPolicy downloads;
    private static final int MAX_REDIRECTS = 3;

    FalQueueClient(FalSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(90)) // one exchange; the whole generation has its own timeout
                .build();
        this.cancelHttp = http.newBuilder().callTimeout(Duration.ofSeconds(10)).build();
        this.downloads = settings.downloadPolicy();
        this.downloadHttp = http.newBuilder().followRedirects(false).followSslRedirects(false)
                .dns(downloads.dns(okhttp3.Dns.SYSTEM)).build();
    }

    /** Submits to a model endpoint under the configured base URL ({@link FalSettings#submitUrl}, {@code editUrl}). */
    Submitted submit(HttpUrl endpoint, JsonObject input) {
        Request request = authorized(endpoint)
                .post(RequestBody.create(input.toString().getBytes(StandardCharsets.UTF_8), JSON)).build();
        return FalAnswers.submitted(exchange(request, Step.SUBMIT));
    }

    Status status(Submitted job) {
        HttpUrl url = job.statusUrl().newBuilder().setQueryParameter("logs", "1").build();
        return FalAnswers.status(exchange(authorized(url).get().build(), Step.STATUS));
    }

    JsonObject result(Submitted job) {
        return exchange(authorized(job.responseUrl()).get().build(), Step.RESULT);
    }

    /** Asks fal to drop the request; best effort (it may already be done), never throws. */
    void cancel(Submitted job) {
        Request request = authorized(job.cancelUrl()).put(RequestBody.create(new byte[0], null)).build();
        try (Response response = cancelHttp.newCall(request).execute()) {
            // 202 CANCELLATION_REQUESTED, or 400 ALREADY_COMPLETED: both leave nothing to do
            LOG.debug("fal.ai cancel of {}: HTTP {}", job.requestId(), response.code());
        } catch (IOException e) {
            LOG.warn("fal.ai cancel of {} failed: {}", job.requestId(), e.toString());
        }
    }

    /**
     * The image bytes behind a result URL ({@code https} on fal's CDN, or a {@code data:} URI); see
     * {@link DownloadPolicy} for what is refused.
     */
    byte[] download(String location) {
        if (location.startsWith("data:")) {
            return FalAnswers.dataUri(location);
        }
        HttpUrl url = HttpUrl.parse(location);
        if (url == null) {
            throw FalFailures.badOutput("fal.ai sent an image link that is not a URL.");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            downloads.check(url);
            Request.Builder request = settings.isOwnEndpoint(url) ? authorized(url) : new Request.Builder().url(url);
            try (Response response = call(downloadHttp, request.get().build())) {
                if (response.isRedirect()) {
                    String next = response.header("Location");
                    url = next == null ? null : url.resolve(next);
                    if (url == null) {
                        throw FalFailures.badOutput("fal.ai's image link redirected nowhere.");
                    }
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw FalFailures.fromStatus(response.code(), "", retryAfter(response), Step.DOWNLOAD);
                }
                return bytes(response.body(), MAX_IMAGE_BYTES, "image");
            }
        }
        throw FalFailures.badOutput("fal.ai's image link redirected more than " + MAX_REDIRECTS + " times.");
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll(); // in-flight exchanges of other workers end now instead of at their timeout
        http.connectionPool().evictAll();
    }

    private JsonObject exchange(Request request, Step step) {
        try (Response response = call(request)) {
            if (!response.isSuccessful()) {
                String body = new String(peek(response), StandardCharsets.UTF_8);
                throw FalFailures.fromStatus(response.code(), body, retryAfter(response), step);
            }
            byte[] body = bytes(response.body(), MAX_JSON_BYTES, "answer");
            return FalAnswers.parse(body);
        }
    }

    private Response call(Request request) {
        return call(http, request);
    }

    private static Response call(OkHttpClient client, Request request) {
        try {
            return client.newCall(request).execute();
        } catch (IOException e) {
            throw FalFailures.fromIo(e);
        }
    }

    private Request.Builder authorized(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
        // status, result and cancel URLs come from fal's answer: the key goes only to the configured host
        return settings.isOwnEndpoint(url) ? b.header("Authorization", "Key " + settings.apiKey()) : b;
    }

    private Optional<Duration> retryAfter(Response response) {
        return RetryAfter.fromHeader(response.header("Retry-After"), clock);
    }

    private static byte[] peek(Response response) {
        try {
            return response.peekBody(16 * 1024).bytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static byte[] bytes(ResponseBody body, long max, String what) {
        if (body == null) {
            throw FalFailures.badOutput("fal.ai sent an empty " + what + ".");
        }
        if (body.contentLength() > max) {
            throw FalFailures.badOutput("fal.ai sent an " + what + " larger than " + max / (1024 * 1024) + " MB.");
        }
        try {
            okio.BufferedSource source = body.source();
            if (source.request(max + 1)) { // more than the limit arrived without a Content-Length
                throw FalFailures.badOutput("fal.ai sent an " + what + " larger than " + max / (1024 * 1024) + " MB.");
            }
            return source.readByteArray();
        } catch (IOException e) {
            throw FalFailures.fromIo(e);
        }
    }
}
