package io.karafimages.provider.onnx.internal;

import java.util.List;
import java.util.function.BooleanSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.provider.onnx.internal.SourceImages.Pixels;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelInfo;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderId;

/**
 * Offline background removal with the operator's salient-object ONNX model (see {@link OnnxConfig}). The model is
 * checked and loaded once when the configuration appears and freed when it goes; a file that is missing, does not
 * match {@code sha256} or is not a 1x3xHxW image model keeps the component from activating, with the reason in the
 * log (Felix SCR keeps such a component registered in state FAILED ACTIVATION, but every consumer gets
 * {@code null}, so the provider registry never lists it). Immediate, so that the model loads and is checked when it
 * is configured rather than on first use.
 *
 * <p>Not an offline stand-in ({@code images.provider.offline} is not set): once configured it is a real provider
 * whose ranking (50) competes with the cloud ones, and the local classical cutout, a stand-in, stops answering
 * remove_background. Thread-safe: tasks run the shared session concurrently.
 */
@Component(service = ImageProvider.class, configurationPid = OnnxImageProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        property = "service.ranking:Integer=50")
@ProviderId("onnx")
@Designate(ocd = OnnxConfig.class)
public final class OnnxImageProvider implements ImageProvider {
    static final String PID = "images.provider.onnx";
    static final String MODEL_ID = "onnx/salient-object";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxImageProvider.class);

    private final ModelInfo model;
    private final SaliencyModel saliency;
    private final SaliencyCutout cutout;

    @Activate
    public OnnxImageProvider(OnnxConfig config) {
        this(settings(config));
    }

    OnnxImageProvider(OnnxSettings settings) {
        try {
            ModelFile.check(settings.modelPath(), settings.sha256());
            StaleNativeCopies.removeFromTempDir(); // before ONNX Runtime extracts its own copy
            this.saliency = SaliencyModel.load(settings.modelPath(), settings.inputSize(), settings.threads());
        } catch (RuntimeException e) {
            LOG.error("The ONNX background remover does not start: {}", e.getMessage());
            throw e;
        }
        this.cutout = new SaliencyCutout(saliency, settings.mean(), settings.std());
        this.model = ModelInfo.builder(MODEL_ID).displayName(settings.displayName()).tier(ModelTier.QUALITY)
                .costPerImage(Cost.FREE).operations(ImageOperation.REMOVE_BACKGROUND).build();
        LOG.info("ONNX background remover ready as model '{}': {}", MODEL_ID, settings);
    }

    private static OnnxSettings settings(OnnxConfig config) {
        try {
            return OnnxSettings.from(config);
        } catch (IllegalArgumentException e) {
            LOG.error("The ONNX background remover does not start: {}", e.getMessage());
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        saliency.close(); // waits for running cut-outs, then frees the native session
    }

    @Override
    public String id() {
        return "onnx";
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(model);
    }

    /** Always refuses: the model only removes backgrounds, and the registry never routes a generation here. */
    @Override
    public GeneratedImage generate(ImageRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        throw new ImagesException(ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false,
                "The ONNX provider only removes backgrounds; it cannot generate images.");
    }

    /**
     * Removes the background: a PNG with alpha at the source's size, the source's colours kept.
     *
     * @throws ImagesException {@code operation_not_supported} for any other operation or model;
     *         {@code unsupported_image}, {@code image_too_large} for sources it cannot read; {@code cancelled}
     */
    @Override
    public GeneratedImage edit(EditRequest request, ProgressListener progress, BooleanSupplier cancelled) {
        if (request.operation() != ImageOperation.REMOVE_BACKGROUND || !MODEL_ID.equals(request.model())) {
            throw new ImagesException(ErrorCodes.OPERATION_NOT_SUPPORTED, 400, false, "The ONNX model '"
                    + request.model() + "' cannot do " + request.operation() + "; '" + MODEL_ID
                    + "' only removes backgrounds.");
        }
        if (cancelled.getAsBoolean()) {
            throw new TaskCancelledException();
        }
        Pixels source = SourceImages.decode(request.image().data());
        progress.progress(0.1, "decoded");
        Pixels cut = cutout.cutOut(source, progress, cancelled);
        byte[] png = SourceImages.png(cut);
        progress.progress(1, "cut out");
        return GeneratedImage.of(png, "image/png", MODEL_ID);
    }
}
