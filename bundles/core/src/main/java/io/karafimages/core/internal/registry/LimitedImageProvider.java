package io.karafimages.core.internal.registry;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;

/** Holds one of the provider's permits for the duration of each generation. */
final class LimitedImageProvider implements ImageProvider {
    private final ImageProvider delegate;
    private final Semaphore permits;

    LimitedImageProvider(ImageProvider delegate, Semaphore permits) {
        this.delegate = delegate;
        this.permits = permits;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public List<ModelInfo> models() {
        return delegate.models();
    }

    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        try {
            progress.progress(0.0, "waiting for a free " + delegate.id() + " slot");
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImagesException("cancelled", 409, false, "The task was interrupted.");
        }
        try {
            return delegate.generate(request, progress, cancelled);
        } finally {
            permits.release();
        }
    }
}
