package io.karafimages.core.internal.testing;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;

/** A provider whose next answers are scripted: failures first, then images. Records every request. */
public final class ScriptedProvider implements ImageProvider {
    public final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<ImageRequest> requests = new ConcurrentLinkedQueue<>();
    public final AtomicInteger calls = new AtomicInteger();
    /** When set, generate() waits here (polling cancellation) before answering. */
    public volatile CountDownLatch gate;
    public final CountDownLatch started = new CountDownLatch(1);

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(ModelInfo.of("scripted/q", ModelTier.QUALITY, Cost.ofUsd(0.134)),
                ModelInfo.of("scripted/d", ModelTier.DRAFT, Cost.ofUsd(0.012)));
    }

    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        calls.incrementAndGet();
        requests.add(request);
        started.countDown();
        CountDownLatch g = gate;
        while (g != null && g.getCount() > 0) {
            if (cancelled.getAsBoolean()) {
                throw new ImagesException("cancelled", 409, false, "cancelled");
            }
            try {
                g.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImagesException("cancelled", 409, false, "interrupted");
            }
        }
        RuntimeException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        int w = request.aspectRatio().width() * 40;
        int h = request.aspectRatio().height() * 40;
        return GeneratedImage.of(TestImages.encode(TestImages.image(w, h, BufferedImage.TYPE_INT_RGB), "png"), "image/png", request.model());
    }

    public static ImagesException transientFailure() {
        return new ImagesException("provider_unavailable", 503, true, "The provider is overloaded.");
    }
}
