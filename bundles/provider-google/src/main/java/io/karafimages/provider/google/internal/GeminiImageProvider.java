package io.karafimages.provider.google.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.genai.Client;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.Content;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.ImageConfig;
import com.google.genai.types.Part;

import io.karafimages.api.AspectRatio;
import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderId;

/**
 * Google Gemini image generation and instruction-based editing (image-to-image, variations) through the google-genai
 * Java SDK, embedded privately in this bundle.
 *
 * <p>One {@code generateContent} call per image: the prompt (or the edit instruction) and the caller's reference
 * images (or the source image) as inline parts,
 * {@code responseModalities [TEXT, IMAGE]}, and the aspect ratio and size in the SDK's {@code ImageConfig}. The SDK
 * does not retry (one attempt): retries belong to the task engine, which honours the Retry-After that
 * {@link GeminiCallTracker} recovers. Calls run on the SDK's async path so that the worker thread can watch the
 * cancel flag and abort the HTTP call. The HTTP threads belong to this component and stop on deactivation.
 *
 * <p>Thread-safe: any number of workers may call {@link #generate} and {@link #edit} at once.
 */
@Component(service = ImageProvider.class, configurationPid = GeminiImageProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "service.ranking:Integer=100")
@ProviderId("google")
@Designate(ocd = GeminiConfig.class)
public final class GeminiImageProvider implements ImageProvider {
    static final String PID = "images.provider.google";
    /**
     * The REST version the image-generation documentation and the preview image models use. google-genai 2.0.0
     * defaults to "v1", so it is pinned here.
     */
    static final String API_VERSION = "v1beta";
    /** How often a waiting worker looks at the cancel flag. */
    private static final long CANCEL_CHECK_MS = 200;
    /** Typical answer time, only used to move the progress bar while we wait. */
    private static final double TYPICAL_SECONDS = 25;
    private static final Logger LOG = LoggerFactory.getLogger(GeminiImageProvider.class);
    /** What Gemini can do besides generating: edits it can be told in words, with the whole image as input. */
    private static final Set<ImageOperation> EDITS = Collections.unmodifiableSet(
            EnumSet.of(ImageOperation.IMAGE_TO_IMAGE, ImageOperation.VARIATE));

    private final GeminiSettings settings;
    private final ExecutorService httpThreads;
    private final GeminiCallTracker tracker;
    private final Client client;

    @Activate
    public GeminiImageProvider(GeminiConfig config) {
        this(GeminiSettings.from(config), Clock.systemUTC());
    }

    GeminiImageProvider(GeminiSettings settings, Clock clock) {
        this.settings = settings;
        this.httpThreads = Executors.newCachedThreadPool(threads());
        this.tracker = new GeminiCallTracker(clock);
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher(httpThreads);
        dispatcher.setMaxRequestsPerHost(64); // the catalog bounds parallel requests per provider, not OkHttp
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .addInterceptor(tracker) // outermost: sees the final answer and the call
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(settings.timeout())
                .writeTimeout(Duration.ofSeconds(60))
                .build();
        HttpOptions.Builder options = HttpOptions.builder()
                .apiVersion(API_VERSION)
                .timeout((int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis()))
                .retryOptions(HttpRetryOptions.builder().attempts(1).build());
        settings.baseUrl().ifPresent(u -> options.baseUrl(u.toString()));
        this.client = Client.builder()
                .apiKey(settings.apiKey())
                .vertexAI(false)
                .httpOptions(options.build())
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
        LOG.info("Gemini provider ready: {}", settings);
    }

    @Deactivate
    void deactivate() {
        client.close();
        httpThreads.shutdownNow(); // in-flight calls fail, their workers see provider_unavailable and retry later
    }

    @Override
    public String id() {
        return "google";
    }

    /**
     * One model for generation and editing. An edit costs what a generation costs: Google's list price adds a
     * fraction of a cent per input image, which the configured price can absorb.
     */
    @Override
    public List<ModelInfo> models() {
        return List.of(ModelInfo.builder(settings.modelId()).displayName(settings.displayName())
                .tier(ModelTier.QUALITY).costPerImage(Cost.ofUsd(settings.costUsd()))
                .operations(ImageOperation.GENERATE, EDITS.toArray(ImageOperation[]::new)).build());
    }

    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        AspectRatio ratio = request.aspectRatio() == null ? AspectRatio.SQUARE : request.aspectRatio();
        List<Part> parts = new ArrayList<>();
        parts.add(Part.fromText(request.prompt()));
        request.references().forEach(r -> parts.add(Part.fromBytes(r.data(), r.mediaType())));
        return call(parts, GenerateContentConfig.builder(), ratio.wireName(), "Sending the prompt to Gemini", progress,
                cancelled);
    }

    /**
     * Image-to-image and variations: the instruction ({@link GeminiEditPrompt}) and the source as an inline part,
     * at the accepted aspect ratio nearest to the source's. The output is Gemini's size for that ratio and the
     * configured image size, not the source's exact pixel size. The seed, when given, is the SDK's
     * {@code generationConfig.seed}.
     */
    @Override
    public GeneratedImage edit(EditRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        if (!EDITS.contains(request.operation()) || !settings.isModel(request.model())) {
            return ImageProvider.super.edit(request, progress, cancelled); // operation_not_supported
        }
        EditRequest.SourceImage source = request.image();
        List<Part> parts = List.of(Part.fromText(GeminiEditPrompt.instruction(request)),
                Part.fromBytes(source.data(), source.mediaType()));
        GenerateContentConfig.Builder config = GenerateContentConfig.builder();
        GeminiEditPrompt.seed(request).ifPresent(config::seed);
        return call(parts, config, GeminiEditPrompt.aspectRatio(source.width(), source.height()),
                "Sending the image to Gemini", progress, cancelled);
    }

    /** One {@code generateContent} call that must answer with an image. */
    private GeneratedImage call(List<Part> parts, GenerateContentConfig.Builder config, String aspectRatio,
            String sending, ProgressListener progress, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw cancelledError();
        }
        Content content = Content.builder().role("user").parts(parts).build();
        try (GeminiCallTracker.Tracked call = tracker.open()) {
            config.responseModalities("TEXT", "IMAGE")
                    .imageConfig(ImageConfig.builder().aspectRatio(aspectRatio).imageSize(settings.imageSize()))
                    .httpOptions(HttpOptions.builder().headers(Map.of(GeminiCallTracker.CALL_HEADER, call.id())));
            GenerateContentResponse response;
            try {
                progress.progress(0.02, sending);
                CompletableFuture<GenerateContentResponse> answer =
                        client.async.models.generateContent(settings.model(), content, config.build());
                response = await(answer, call, progress, cancelled);
            } catch (RuntimeException | Error e) {
                // whatever ends the wait (a failing progress write, say) ends the paid request too (review L2)
                call.cancel();
                throw e;
            }
            GeneratedImage image = GeminiAnswer.imageFrom(response, settings.modelId());
            progress.progress(1.0, "Image received from Gemini");
            return image;
        }
    }

    /**
     * Waits for the answer in short bounded waits, so a cancel is noticed within {@value #CANCEL_CHECK_MS} ms
     * (the SPI's cancel flag can only be polled) while the answer itself still returns the moment it arrives.
     */
    private GenerateContentResponse await(CompletableFuture<GenerateContentResponse> answer,
            GeminiCallTracker.Tracked call, ProgressListener progress, BooleanSupplier cancelled) {
        long started = System.nanoTime();
        // the SDK's call timeout fires first; this is the backstop if it ever does not
        long deadline = started + settings.timeout().plusSeconds(5).toNanos();
        while (true) {
            if (cancelled.getAsBoolean()) {
                call.cancel();
                throw cancelledError();
            }
            try {
                return answer.get(CANCEL_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                double waited = (System.nanoTime() - started) / 1e9;
                progress.progress(0.05 + 0.85 * waited / (waited + TYPICAL_SECONDS), "Gemini is drawing the image");
                if (System.nanoTime() - deadline > 0) {
                    call.cancel();
                    throw GeminiFailures.timeout(settings.timeout(), e);
                }
            } catch (ExecutionException e) {
                if (cancelled.getAsBoolean()) {
                    throw cancelledError();
                }
                ImagesException mapped = GeminiFailures.map(e, call.retryAfter(), settings.timeout());
                LOG.debug("Gemini call failed: {}", mapped.getMessage(), e.getCause());
                throw mapped;
            } catch (InterruptedException e) {
                call.cancel();
                Thread.currentThread().interrupt();
                throw new TaskCancelledException();
            }
        }
    }

    /** The tracker of this provider's calls (tests look at what it cancelled). */
    GeminiCallTracker tracker() {
        return tracker;
    }

    private static ImagesException cancelledError() {
        return new TaskCancelledException();
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "images-gemini-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
