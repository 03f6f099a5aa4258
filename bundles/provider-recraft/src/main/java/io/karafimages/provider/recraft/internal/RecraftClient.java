package io.karafimages.provider.recraft.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import com.google.gson.JsonObject;

import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.RetryAfter;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One {@code POST} to Recraft over OkHttp (multipart to an editing endpoint or to {@code styles}, JSON to
 * {@code images/generations}), and its answer read down to the image bytes or the new style's id. The call runs on OkHttp's dispatcher while the task's worker waits in slices of 50 ms, so a cancelled
 * task cancels the call (and stops paying for the wait) at once. The token goes only to the configured base URL:
 * every request is built from it and redirects are not followed. OkHttp does not silently repeat a failed call
 * either: a paid edit sent twice would be charged twice; retries belong to the task engine. Thread-safe.
 */
final class RecraftClient implements AutoCloseable {
    /** What came back: the status, the Retry-After header and the body (bounded). */
    private record Exchange(int code, String retryAfter, byte[] body) {
    }

    private static final MediaType PNG = MediaType.get("image/png");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** A 16 MP PNG as base64 in JSON stays well under this. */
    private static final long MAX_ANSWER_BYTES = 160L * 1024 * 1024;
    private static final long WAIT_SLICE_MS = 50;
    /** Progress while waiting is reported at most this often: each report may be an event and a write. */
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

    private final RecraftSettings settings;
    private final Clock clock;
    private final OkHttpClient http;
    private volatile boolean closed;

    RecraftClient(RecraftSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(64); // the task engine bounds concurrency; OkHttp's default 5 per host would queue
        dispatcher.setMaxRequestsPerHost(64);
        this.http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                .callTimeout(settings.timeout())
                .build();
    }

    /**
     * Sends one edit and returns the image bytes of the answer (not yet checked to be an image).
     *
     * @param waiting receives the seconds spent waiting for Recraft, about once a second
     * @throws TaskCancelledException when {@code cancelled} turns true or the thread is interrupted meanwhile
     */
    byte[] post(RecraftEndpoint endpoint, Map<String, String> fields, RecraftUpload upload,
            BooleanSupplier cancelled, DoubleConsumer waiting) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", upload.filename(),
                        RequestBody.create(upload.image(), MediaType.get(upload.mediaType())));
        upload.mask().ifPresent(mask -> form.addFormDataPart("mask", "mask.png", RequestBody.create(mask, PNG)));
        fields.forEach(form::addFormDataPart);
        return RecraftAnswers.image(send(endpoint.path(), form.build(), cancelled, waiting), endpoint.processLike(),
                endpoint.name());
    }

    /**
     * Generates one image ({@code images/generations}, a JSON body) and returns its bytes (not yet checked to be an
     * image). Parameters as {@link #post}.
     */
    byte[] generate(JsonObject body, BooleanSupplier cancelled, DoubleConsumer waiting) {
        return RecraftAnswers.image(send("images/generations", RequestBody.create(body.toString(), JSON), cancelled,
                waiting), false, "generation");
    }

    /**
     * Creates a style from the references, as repeated {@code images} file parts (the name in Recraft's OpenAPI
     * {@code CreateStyleRequest}) with the {@code style} field, and returns Recraft's id of it. Parameters as
     * {@link #post}.
     */
    String createStyle(List<RecraftReferences.Reference> references, String baseStyle, BooleanSupplier cancelled,
            DoubleConsumer waiting) {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (int i = 0; i < references.size(); i++) {
            form.addFormDataPart("images", "reference-" + (i + 1) + ".png",
                    RequestBody.create(references.get(i).png(), PNG));
        }
        form.addFormDataPart("style", baseStyle);
        return RecraftAnswers.styleId(send("styles", form.build(), cancelled, waiting));
    }

    /** Sends one request below the base URL and returns the body of a 2xx answer; any other fails. */
    private byte[] send(String path, RequestBody body, BooleanSupplier cancelled, DoubleConsumer waiting) {
        Request request = new Request.Builder().url(settings.endpoint(path))
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Accept", "application/json")
                .post(body).build();
        Exchange answer = exchange(http.newCall(request), cancelled, waiting);
        if (answer.code() < 200 || answer.code() >= 300) {
            String text = new String(answer.body(), 0, Math.min(answer.body().length, 16 * 1024),
                    StandardCharsets.UTF_8);
            throw RecraftFailures.fromStatus(answer.code(), text,
                    RetryAfter.fromHeader(answer.retryAfter(), clock), settings.apiKey());
        }
        return answer.body();
    }

    private Exchange exchange(Call call, BooleanSupplier cancelled, DoubleConsumer waiting) {
        CompletableFuture<Exchange> done = enqueue(call);
        long started = System.nanoTime();
        long reported = started;
        while (true) {
            if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                call.cancel();
                throw new TaskCancelledException();
            }
            if (closed) {
                call.cancel();
                throw RecraftFailures.stopping();
            }
            try {
                return done.get(WAIT_SLICE_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now - reported >= REPORT_EVERY_NANOS) {
                    reported = now;
                    waiting.accept((now - started) / 1e9);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // seen as a cancel at the loop top
            } catch (ExecutionException e) {
                throw failure(e.getCause(), cancelled);
            }
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
            return RecraftFailures.stopping();
        }
        if (cause instanceof IOException io) {
            return RecraftFailures.fromIo(io, settings.timeout());
        }
        return RecraftFailures.badOutput("Recraft's answer could not be read.");
    }

    private static byte[] bytes(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        if (body.contentLength() > MAX_ANSWER_BYTES) {
            throw RecraftFailures.badOutput("Recraft sent an answer larger than " + MAX_ANSWER_BYTES / (1024 * 1024)
                    + " MB.");
        }
        okio.BufferedSource source = body.source();
        if (source.request(MAX_ANSWER_BYTES + 1)) { // more than the limit arrived without a Content-Length
            throw RecraftFailures.badOutput("Recraft sent an answer larger than " + MAX_ANSWER_BYTES / (1024 * 1024)
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
