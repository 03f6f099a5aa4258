package io.karafimages.spi.provider;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An image generation and editing back end (a cloud API or the offline local one). Register as a service with
 * {@link ProviderId}; a higher {@code service.ranking} wins when several offer the same tier.
 *
 * <p>Implementations are called from several task workers at once and must be thread-safe. Transient
 * faults (timeouts, HTTP 429 and 5xx) are {@link io.karafimages.api.ImagesException}s with
 * {@code retryable=true} and code {@code provider_unavailable}; a content refusal is
 * {@code provider_refused}; an undecodable answer {@code provider_bad_output}.
 */
@ConsumerType
public interface ImageProvider {
    String id();

    /** The models offered, never empty. */
    List<ModelInfo> models();

    /**
     * Generates one image.
     *
     * @param progress receives values from 0.0 to 1.0 and a short message
     * @param cancelled polled by long-running providers; when true they should stop and return promptly
     */
    GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled);

    /**
     * Edits one image: any operation other than {@link ImageOperation#GENERATE} that one of {@link #models()}
     * supports. The default refuses, for providers that only generate.
     *
     * @throws io.karafimages.api.ImagesException as {@link #generate}; {@code operation_not_supported} when no
     *         model of this provider supports the request's operation
     */
    default GeneratedImage edit(EditRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        throw new io.karafimages.api.ImagesException(io.karafimages.api.ErrorCodes.OPERATION_NOT_SUPPORTED, 400,
                false, "The provider '" + id() + "' cannot do " + request.operation() + ".");
    }

    /**
     * Learns a style from reference images, for a model of this provider that supports
     * {@link ImageOperation#CREATE_STYLE}. The runtime keeps the returned reference encrypted, owned by the user, and
     * hands it back in {@link ImageRequest#style()}. The default refuses.
     *
     * @throws io.karafimages.api.ImagesException as {@link #generate}; {@code operation_not_supported} when no model
     *         of this provider creates styles
     */
    default ProviderStyle createStyle(StyleRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        throw new io.karafimages.api.ImagesException(io.karafimages.api.ErrorCodes.OPERATION_NOT_SUPPORTED, 400,
                false, "The provider '" + id() + "' cannot create styles.");
    }

    /** Receives progress of one generation. */
    @FunctionalInterface
    interface ProgressListener {
        void progress(double fraction, String message);
    }
}
