package io.karafimages.provider.serpapi.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.provider.ImageSniffer;
import io.karafimages.spi.search.ImageSearchProvider;
import io.karafimages.spi.search.SearchRequest;
import io.karafimages.spi.search.SearchResults;

/**
 * Reverse image search with SerpApi's Google Lens engine, in SerpApi's upload flow: the JPEG's bytes go to
 * {@code POST /image} (stripped of any metadata first), the {@code image_id} it answers is searched with
 * {@code engine=google_lens}, and the visual matches come back. No URL of ours is ever sent, so nothing of ours has
 * to be reachable from the internet. A search SerpApi reports as still processing is read again from its Search
 * Archive once a second. The whole search, upload included, shares one deadline ({@code timeout.seconds}). Retries
 * belong to the task engine: failures are returned once, with SerpApi's Retry-After when it sent one.
 *
 * <p>Registered by {@link SerpApiRegistrar}, not a component itself: it exists only while an API key is configured.
 * Thread-safe: any number of workers may search at once; each keeps its state on its stack.
 */
final class SerpApiSearchProvider implements ImageSearchProvider, AutoCloseable {
    static final String ID = "serpapi";
    /** SerpApi's Image API takes at most 500 KB; read strictly as 500,000 bytes. */
    static final int MAX_UPLOAD_BYTES = 500_000;
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SerpApiSearchProvider.class);

    private final SerpApiSettings settings;
    private final SerpApiClient client;
    private final Cost cost;

    SerpApiSearchProvider(SerpApiSettings settings, Clock clock) {
        this.settings = settings;
        this.client = new SerpApiClient(settings, clock);
        this.cost = Cost.ofUsd(settings.costUsd());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String engine() {
        return SerpApiClient.ENGINE;
    }

    @Override
    public int maxUploadBytes() {
        return MAX_UPLOAD_BYTES;
    }

    @Override
    public Cost cost() {
        return cost;
    }

    @Override
    public SearchResults search(SearchRequest request, BooleanSupplier cancelled) {
        byte[] jpeg = uploadable(request.jpeg()); // refused before any call, even a cancelled one
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        String imageId = SerpApiAnswers.imageId(client.upload(jpeg, deadline, cancelled), settings.apiKey());
        SerpApiAnswers.Search search = SerpApiAnswers.search(
                client.search(imageId, request.query(), deadline, cancelled));
        while (search.pending()) {
            client.pause(POLL_INTERVAL, deadline, cancelled);
            search = SerpApiAnswers.search(client.archived(search.id(), deadline, cancelled));
        }
        SearchResults results = SerpApiAnswers.results(search, settings.maxMatches(), settings.apiKey());
        LOG.debug("SerpApi search {} found {} visual matches", search.id(), results.matches().size());
        return results;
    }

    /**
     * The bytes to upload: the caller's JPEG without metadata.
     *
     * @throws ImagesException 400 {@code image_too_large} over {@link #MAX_UPLOAD_BYTES}, 400
     *         {@code unsupported_image} when it is not a well-formed JPEG
     */
    private static byte[] uploadable(byte[] jpeg) {
        if (jpeg.length > MAX_UPLOAD_BYTES) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The image to search for is " + jpeg.length
                    + " bytes; SerpApi takes at most " + MAX_UPLOAD_BYTES + ".");
        }
        // what is checked is what will be sent: a broken metadata segment must not decide
        return JpegMetadata.strip(jpeg).filter(stripped -> ImageSniffer.sniff(stripped)
                .filter(s -> s.mediaType().equals("image/jpeg")).isPresent())
                .orElseThrow(() -> ImagesException.invalid(ErrorCodes.UNSUPPORTED_IMAGE,
                        "The image to search for is not a complete JPEG."));
    }

    @Override
    public void close() {
        client.close(); // waiting workers give up within 50 ms, their calls cancelled
    }

    @Override
    public String toString() {
        return "SerpApiSearchProvider[" + settings + "]";
    }
}
