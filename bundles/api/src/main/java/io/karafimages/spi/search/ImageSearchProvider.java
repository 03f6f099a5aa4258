package io.karafimages.spi.search;

import java.util.function.BooleanSupplier;

import org.osgi.annotation.versioning.ConsumerType;

import io.karafimages.api.Cost;

/**
 * A reverse image search back end, such as SerpApi's Google Lens engine. The runtime never hands it a URL of its
 * own files: it sends a small, metadata-free JPEG made from the preview, no larger than {@link #maxUploadBytes()}.
 *
 * <p>Called from several task workers at once: implementations are thread-safe. Faults are
 * {@link io.karafimages.api.ImagesException}s with the provider codes of
 * {@link io.karafimages.spi.provider.ImageProvider} ({@code provider_unavailable} retryable, {@code
 * provider_refused}, {@code provider_bad_output}).
 */
@ConsumerType
public interface ImageSearchProvider {
    /** Short id, e.g. {@code serpapi}. */
    String id();

    /** The engine named in results, e.g. {@code google_lens}. */
    String engine();

    /** The largest image the back end accepts, in bytes. */
    int maxUploadBytes();

    /** What one search costs the caller. */
    Cost cost();

    /**
     * Searches the web for pages showing the image.
     *
     * @param cancelled polled while waiting; when true, return promptly by throwing
     *        {@link io.karafimages.api.TaskCancelledException}
     */
    SearchResults search(SearchRequest request, BooleanSupplier cancelled);
}
