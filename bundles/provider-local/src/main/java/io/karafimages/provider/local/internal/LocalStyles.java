package io.karafimages.provider.local.internal;

import java.util.ArrayList;
import java.util.List;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;

/**
 * The local provider's styles: an offline stand-in for a provider's learned styles. A style is a palette and a tone
 * measured from the references ({@link StyleExtractor}), written into the reference itself
 * ({@link StyleDescription}), so nothing is stored here; a styled generation is the usual procedural picture
 * remapped toward it ({@link StyleRemapper}) and is reported as made by {@link #MODEL}. Thread-safe.
 */
final class LocalStyles {
    static final String MODEL = "local/palette-style-v1";

    private static final ModelInfo MODEL_INFO = ModelInfo.builder(MODEL).displayName("Offline palette style")
            .tier(ModelTier.QUALITY).costPerImage(Cost.FREE).operations(ImageOperation.CREATE_STYLE).build();

    static ModelInfo model() {
        return MODEL_INFO;
    }

    /**
     * @throws ImagesException {@code operation_not_supported} for another model; {@code unsupported_image} for a
     *         reference that cannot be decoded; {@code invalid_input} when no reference has an opaque pixel
     */
    ProviderStyle create(StyleRequest request, EditProgress progress) {
        if (!MODEL.equals(request.model())) {
            throw new ImagesException(ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false, "The local model '"
                    + request.model() + "' cannot create styles; '" + MODEL + "' can.");
        }
        List<Picture> references = new ArrayList<>();
        for (ImageRequest.ReferenceImage reference : request.references()) {
            references.add(PixelCodec.decodeReference(reference.data(), references.size() + 1));
            progress.report(0.2 * references.size() / request.references().size(), "decoding the references");
        }
        StyleRendering rendering = StyleRendering.forBaseStyle(request.baseStyle());
        StyleDescription style = StyleExtractor.extract(references, rendering, progress.slice(0.2, 1));
        return ProviderStyle.of(MODEL, style.encode());
    }

    /** The picture remapped toward the style (see {@link StyleRemapper}). */
    Picture apply(Picture picture, StyleDescription style, EditProgress progress) {
        return StyleRemapper.remap(picture, style, progress);
    }
}
