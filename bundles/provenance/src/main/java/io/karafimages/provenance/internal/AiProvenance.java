package io.karafimages.provenance.internal;

import java.security.cert.X509Certificate;
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
import io.karafimages.imaging.ImageDecoder;
import io.karafimages.imaging.ImageException;
import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;

/**
 * Provenance for every image the pipeline makes: private metadata stripped on the way in; on the way out,
 * IPTC 2025.1 AI labels in XMP on all three renditions of an image that has a digital source type (none at all
 * otherwise: an upload is not AI-made), and a C2PA manifest on the original and the full rendition (see
 * {@link C2paStamp} for which), written last: nothing touches the bytes afterwards. An SVG original (vectorize)
 * is labelled the same way: the XMP packet in the root's {@code metadata} element, the C2PA store beside it.
 */
@Component(service = ProvenanceHook.class, configurationPid = "images.provenance")
@Designate(ocd = AiProvenance.Config.class)
public final class AiProvenance implements ProvenanceHook {

    @ObjectClassDefinition(name = "Karaf Images: provenance",
            description = "How generated and edited images are labelled (IPTC XMP and C2PA).")
    public @interface Config {
        @AttributeDefinition(name = "Include the prompt", description = "Write the user's prompt into the XMP "
                + "(Iptc4xmpExt:AIPromptInformation) and the C2PA generation assertion. Off keeps prompts private.")
        boolean include_prompt() default true;

        @AttributeDefinition(name = "Credit", description = "photoshop:Credit written into every AI-made or AI-edited "
                + "image (one with a digital source type); uploads get no XMP at all.")
        String credit() default "Generated with AI by Karaf Images";
    }

    private final MetadataStripper stripper;
    private final Config config;
    private final String creatorTool;
    private final C2paStamp c2pa;
    private final X509Certificate signer;

    /** With the shipped pixel limit (tests, and tools outside the runtime). */
    public AiProvenance(Config config, SigningIdentity identity) {
        this(config, identity, new PixelLimit(ImageDecoder.DEFAULT_MAX_PIXELS));
    }

    @Activate
    public AiProvenance(Config config, @Reference SigningIdentity identity, @Reference PixelLimit limit) {
        this.config = config;
        this.stripper = new MetadataStripper(new ImageDecoder(limit.maxPixels()));
        this.creatorTool = "Karaf Images " + productVersion();
        this.c2pa = new C2paStamp(identity, "Karaf Images", productVersion());
        this.signer = identity.chain().get(0);
    }

    @Override
    public byte[] sanitize(byte[] encoded, String mediaType) {
        try {
            return stripper.strip(encoded);
        } catch (ImageException e) {
            throw ImagesException.invalid(e.code(), e.getMessage()); // image_too_large for a rotated bomb (M2)
        } catch (IllegalArgumentException e) {
            throw ImagesException.invalid("unsupported_image", "The image could not be read: " + e.getMessage());
        }
    }

    @Override
    public byte[] label(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
        return labelDescribed(rendition, format, source, info).bytes();
    }

    /** Labels, and records what was written: the signed manifest definition and the XMP labels themselves. */
    @Override
    public Labelled labelDescribed(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
        String prompt = config.include_prompt() ? info.prompt().orElse(null) : null;
        XmpLabels.Labels labels = info.digitalSourceType().map(type -> labels(info, type, prompt)).orElse(null);
        byte[] labelled = labels == null ? rendition : XmpEmbedder.embed(rendition, XmpLabels.packet(labels));
        if (format == RenditionFormat.PREVIEW) {
            return new Labelled(labelled, ProvenanceSummary.of(null, null, labels));
        }
        C2paStamp.Signed signed = c2pa.signed(labelled, source, info, prompt);
        return new Labelled(signed.bytes(), ProvenanceSummary.of(signed.manifest(), signer, labels));
    }

    private XmpLabels.Labels labels(ProvenanceInfo info, String digitalSourceType, String prompt) {
        return new XmpLabels.Labels(digitalSourceType, aiSystem(info).orElse(null), info.model().orElse(null), prompt,
                creatorTool, config.credit());
    }

    /** The AI system's name: the one the caller gave, else one derived from the model id; empty without a model. */
    static Optional<String> aiSystem(ProvenanceInfo info) {
        // ProvenanceInfo falls back to the model id when no name was given: derive a readable one then
        return info.aiSystem().filter(name -> !name.equals(info.model().orElse(null)))
                .or(() -> info.model().map(AiProvenance::aiSystem));
    }

    /** A readable name of the AI system from a model id such as {@code google/gemini-3-pro-image-preview}. */
    static String aiSystem(String model) {
        String vendor = model.contains("/") ? model.substring(0, model.indexOf('/')) : model;
        return switch (vendor) {
            case "google" -> "Google Gemini";
            case "fal-ai" -> "Black Forest Labs FLUX.2 (fal.ai)";
            case "local" -> "Karaf Images offline procedural generator";
            default -> model;
        };
    }

    private static String productVersion() {
        Bundle bundle = FrameworkUtil.getBundle(AiProvenance.class);
        return bundle == null ? "dev" : bundle.getVersion().toString();
    }
}
