package io.karafimages.provider.serpapi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.provider.serpapi.internal.SerpApiFailures.Phase;
import io.karafimages.spi.provider.RetryAfter;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * SerpApi's three calls over OkHttp: the upload ({@code POST /image}), the Google Lens search ({@code GET
 * /search.json}) and the Search Archive ({@code GET /searches/{id}.json}), each answered as the raw JSON body of a 2xx
 * or thrown as the product's error. Every call runs on OkHttp's dispatcher while the worker waits in slices of 50 ms,
 * so a cancelled task or a passed deadline cancels the call at once. The key goes only to the configured base URL
 * (every request is built from it; redirects are not followed) and appears only in SerpApi's {@code api_key}
 * parameter: never in a log or a message. OkHttp does not silently repeat a failed call: retries belong to the task
 * engine. Thread-safe.
 */
final class SerpApiClient implements AutoCloseable {
    private record Exchange(int code, String retryAfter, byte[] body) {
    }

    static final String ENGINE = "google_lens";
    /** Google Lens answers with all its sections are well under 1 MB. */
    private static final long MAX_ANSWER_BYTES = 8L * 1024 * 1024;
    private static final long WAIT_SLICE_MS = 50;
    private static final MediaType JPEG = MediaType.get("image/jpeg");

    private final SerpApiSettings settings;
    private final Clock clock;
    private final OkHttpClient http;
    private volatile boolean closed;

    SerpApiClient(SerpApiSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(64); // the task engine bounds concurrency; OkHttp's default 5 per host would queue
        dispatcher.setMaxRequestsPerHost(64);
        Duration connect = settings.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? settings.timeout()
                : Duration.ofSeconds(10);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(connect)
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .build();
    }

    /** Uploads the image; the JSON answer (with the {@code image_id}). */
    String upload(byte[] jpeg, long deadline, BooleanSupplier cancelled) {
        RequestBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", "image.jpg", RequestBody.create(jpeg, JPEG))
                .addFormDataPart("api_key", settings.apiKey())
                .build();
        return call(Phase.UPLOAD, request(settings.endpoint("image")).post(form).build(), deadline, cancelled);
    }

    /** Searches Google Lens for an uploaded image; the JSON answer. Only the image id refers to the image. */
    String search(String imageId, Optional<String> query, long deadline, BooleanSupplier cancelled) {
        HttpUrl.Builder url = settings.endpoint("search.json").newBuilder()
                .addQueryParameter("engine", ENGINE)
                .addQueryParameter("image_id", imageId);
        query.ifPresent(q -> url.addQueryParameter("q", q));
        settings.hl().ifPresent(hl -> url.addQueryParameter("hl", hl));
        settings.country().ifPresent(country -> url.addQueryParameter("country", country));
        url.addQueryParameter("safe", settings.safe());
        url.addQueryParameter("api_key", settings.apiKey());
        return call(Phase.SEARCH, request(url.build()).get().build(), deadline, cancelled);
    }

    /** A search SerpApi is still processing, read again from its Search Archive; the JSON answer. */
    String archived(String searchId, long deadline, BooleanSupplier cancelled) {
        HttpUrl url = settings.endpoint("searches").newBuilder().addPathSegment(searchId + ".json")
                .addQueryParameter("api_key", settings.apiKey()).build();
        return call(Phase.SEARCH, request(url).get().build(), deadline, cancelled);
    }

    /** Waits before asking the archive again; cancellable like a call. */
    void pause(Duration pause, long deadline, BooleanSupplier cancelled) {
        long until = Math.min(System.nanoTime() + pause.toNanos(), deadline);
        while (System.nanoTime() < until) {
            stopIfAsked(null, deadline, cancelled);
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(WAIT_SLICE_MS), until - System.nanoTime()));
        }
        stopIfAsked(null, deadline, cancelled);
    }

    private static Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).header("Accept", "application/json");
    }

    private String call(Phase phase, Request request, long deadline, BooleanSupplier cancelled) {
        Call call = http.newCall(request);
        CompletableFuture<Exchange> done = enqueue(call);
        while (true) {
            stopIfAsked(call, deadline, cancelled);
            try {
                Exchange answer = done.get(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
                String body = new String(answer.body(), StandardCharsets.UTF_8);
                if (answer.code() < 200 || answer.code() >= 300) {
                    throw SerpApiFailures.fromStatus(phase, answer.code(), body,
                            RetryAfter.fromHeader(answer.retryAfter(), clock), settings.apiKey());
                }
                return body;
            } catch (TimeoutException e) {
                // still waiting: check cancel, stop and deadline again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // seen as a cancel at the loop top
            } catch (ExecutionException e) {
                throw failure(e.getCause(), cancelled);
            }
        }
    }

    /** Ends the wait (and the call, when there is one) when the task is cancelled, the provider stops or time is up. */
    private void stopIfAsked(Call call, long deadline, BooleanSupplier cancelled) {
        RuntimeException stop = null;
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            stop = new TaskCancelledException();
        } else if (closed) {
            stop = SerpApiFailures.stopping();
        } else if (System.nanoTime() - deadline >= 0) {
            stop = SerpApiFailures.timedOut(settings.timeout(), null);
        }
        if (stop != null) {
            if (call != null) {
                call.cancel();
            }
            throw stop;
        }
    }

    /** Starts the call on OkHttp's dispatcher; the answer is read there, so a cancel also covers the body. */
    private static CompletableFuture<Exchange> enqueue(Call call) {
        CompletableFuture<Exchange> done = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                done.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    done.complete(new Exchange(response.code(), response.header("Retry-After"),
                            bytes(response.body())));
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            }
        });
        return done;
    }

    private RuntimeException failure(Throwable cause, BooleanSupplier cancelled) {
        if (cause instanceof ImagesException ie) {
            return ie;
        }
        if (cancelled.getAsBoolean()) {
            return new TaskCancelledException();
        }
        if (closed) {
            return SerpApiFailures.stopping();
        }
        if (cause instanceof IOException io) {
            return SerpApiFailures.fromIo(io, settings.timeout());
        }
        return SerpApiFailures.badOutput("SerpApi's answer could not be read.");
    }

    private static byte[] bytes(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        okio.BufferedSource source = body.source();
        if (body.contentLength() > MAX_ANSWER_BYTES || source.request(MAX_ANSWER_BYTES + 1)) {
            throw SerpApiFailures.badOutput("SerpApi sent an answer larger than " + MAX_ANSWER_BYTES / (1024 * 1024)
                    + " MB.");
        }
        return source.readByteArray();
    }

    @Override
    public void close() {
        closed = true;
        http.dispatcher().cancelAll(); // waiting workers see 'closed' within 50 ms
        http.connectionPool().evictAll();
        http.dispatcher().executorService().shutdown();
    }
}
