package io.karafimages.provenance.internal;

import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;

/**
 * Provenance for every image the pipeline makes: private metadata stripped on the way in; on the way out,
 * IPTC 2025.1 AI labels in XMP on all three renditions, and a signed C2PA manifest on the original and the
 * full rendition (written last: nothing touches the bytes afterwards).
 */
@Component(service = ProvenanceHook.class, configurationPid = "images.provenance")
@Designate(ocd = AiProvenance.Config.class)
public final class AiProvenance implements ProvenanceHook {

    @ObjectClassDefinition(name = "Karaf Images: provenance",
            description = "How generated images are labelled as AI-made (IPTC XMP and C2PA).")
    public @interface Config {
        @AttributeDefinition(name = "Include the prompt", description = "Write the user's prompt into the XMP "
                + "(Iptc4xmpExt:AIPromptInformation) and the C2PA generation assertion. Off keeps prompts private.")
        boolean include_prompt() default true;

        @AttributeDefinition(name = "Credit", description = "photoshop:Credit written into every image.")
        String credit() default "Generated with AI by Karaf Images";
    }

    private final MetadataStripper stripper = new MetadataStripper(ImageDecoding::decode);
    private final Config config;
    private final String creatorTool;
    private final C2paStamp c2pa;

    @Activate
    public AiProvenance(Config config, @Reference SigningIdentity identity) {
        this.config = config;
        this.creatorTool = "Karaf Images " + productVersion();
        this.c2pa = new C2paStamp(identity, "Karaf Images", productVersion());
    }

    @Override
    public byte[] sanitize(byte[] encoded, String mediaType) {
        try {
            return stripper.strip(encoded);
        } catch (IllegalArgumentException e) {
            throw ImagesException.invalid("unsupported_image", "The image could not be read: " + e.getMessage());
        }
    }

    @Override
    public byte[] label(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
        String prompt = config.include_prompt() ? info.prompt() : null;
        String xmp = XmpLabels.packet(new XmpLabels.Labels(aiSystem(info.model()), info.model(), prompt,
                creatorTool, config.credit()));
        byte[] labelled = XmpEmbedder.embed(rendition, xmp);
        if (format == RenditionFormat.PREVIEW) {
            return labelled;
        }
        return c2pa.sign(labelled, source, info, prompt);
    }

    /** A readable name of the AI system from a model id such as {@code google/gemini-3-pro-image-preview}. */
    static String aiSystem(String model) {
        String vendor = model == null ? "" : model.contains("/") ? model.substring(0, model.indexOf('/')) : model;
        return switch (vendor) {
            case "google" -> "Google Gemini";
            case "fal-ai" -> "Black Forest Labs FLUX.2 (fal.ai)";
            case "local" -> "Karaf Images offline procedural generator";
            default -> Optional.ofNullable(model).orElse("unknown");
        };
    }

    private static String productVersion() {
        Bundle bundle = FrameworkUtil.getBundle(AiProvenance.class);
        return bundle == null ? "dev" : bundle.getVersion().toString();
    }
}
