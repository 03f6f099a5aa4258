package io.karafimages.provider.onnx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of PID {@code images.provider.onnx} (file {@code etc/images.provider.onnx.cfg}). As everywhere in
 * the product, an underscore in a method name is a dot in the key: {@code model_path()} is {@code model.path}.
 */
@ObjectClassDefinition(id = OnnxImageProvider.PID, name = "Karaf Images: ONNX background removal",
        description = "Removes backgrounds offline with a salient-object ONNX model that you supply (u2netp, u2net, "
                + "IS-Net and other models with one 1x3xHxW image input whose first output is a 1x1xHxW saliency "
                + "map), run by ONNX Runtime on this machine's CPU: no network, no cost per image. The provider "
                + "exists only while this configuration exists and model.path names a readable model; it offers "
                + "one model, onnx/salient-object, for remove_background only. It registers with service.ranking "
                + "50: above the local classical cutout (which then stops answering remove_background) and below "
                + "the cloud providers (100). To change that, give service.ranking as an Integer, e.g. in "
                + "etc/images.provider.onnx.config as service.ranking=I\"200\" (in a .cfg file it is a String, "
                + "which OSGi ranks as 0). The weights are not shipped: download one whose licence suits you, e.g. "
                + "u2netp (Apache-2.0, 4.6 MB).")
public @interface OnnxConfig {
    @AttributeDefinition(name = "Model file",
            description = "Absolute path of the .onnx file, e.g. /opt/models/u2netp.onnx. The file is read once "
                    + "when the provider starts; after replacing it, update this configuration (or restart the "
                    + "bundle) to load the new one. A missing or unreadable file keeps the provider from starting, "
                    + "with an error in the log.")
    String model_path() default "";

    @AttributeDefinition(name = "SHA-256 of the model", required = false,
            description = "Hex SHA-256 of the model file (64 characters, case ignored). When set, the provider "
                    + "refuses to start if the file's digest differs, so a truncated or swapped file is never run. "
                    + "u2netp from the rembg releases: "
                    + "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8. Empty: not checked.")
    String sha256() default "";

    @AttributeDefinition(name = "Input size (px)", min = "16", max = "4096",
            description = "The model's square input edge: the picture is resized to this many pixels in both "
                    + "directions before it runs. 320 for u2netp and u2net, 1024 for IS-Net. A model whose input "
                    + "has a fixed size must be configured with that size, or the provider does not start.")
    int input_size() default 320;

    @AttributeDefinition(name = "Channel means",
            description = "Three comma-separated values, red, green, blue, subtracted from each channel after it "
                    + "is scaled to 0..1. ImageNet's by default, as u2netp was trained with.")
    String mean() default "0.485,0.456,0.406";

    @AttributeDefinition(name = "Channel standard deviations",
            description = "Three comma-separated positive values, red, green, blue, that each channel is divided "
                    + "by after the mean is subtracted. ImageNet's by default.")
    String std() default "0.229,0.224,0.225";

    @AttributeDefinition(name = "Threads", min = "0",
            description = "CPU threads one image may use inside the model (ONNX Runtime intra-op threads). 0: "
                    + "ONNX Runtime's default, one per physical core. Several tasks may run at once (see "
                    + "images.providers max.parallel), so lower this on a shared machine.")
    int threads() default 0;

    @AttributeDefinition(name = "Display name", required = false,
            description = "The model's name in the skill listing and in provenance (C2PA and IPTC 'AI system'), "
                    + "e.g. 'U2-Net small (u2netp)'. Empty: 'ONNX salient-object model'.")
    String display_name() default "";
}
