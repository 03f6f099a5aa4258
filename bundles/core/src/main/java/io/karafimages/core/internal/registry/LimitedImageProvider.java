package io.karafimages.core.internal.registry;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;

/** Holds one of the provider's permits for the duration of each generation or edit. */
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
        return withPermit(progress, () -> delegate.generate(request, progress, cancelled));
    }

    @Override
    public GeneratedImage edit(EditRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        return withPermit(progress, () -> delegate.edit(request, progress, cancelled));
    }

    @Override
    public ProviderStyle createStyle(StyleRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        return withPermit(progress, () -> delegate.createStyle(request, progress, cancelled));
    }

    private <T> T withPermit(ProgressListener progress, Supplier<T> call) {
        try {
            progress.progress(0.0, "waiting for a free " + delegate.id() + " slot");
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskCancelledException();
        }
        try {
            return call.get();
        } finally {
            permits.release();
        }
    }
}
