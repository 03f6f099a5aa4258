package io.karafimages.skills.edit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.EditRequest;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillResult;

/**
 * What every editing skill does, once: pick a provider for its operation (an explicit model, or the best-ranked
 * provider of the tier), read the source and the mask, call the provider and describe the result as an edit of the
 * source. A skill is the operation; providers do it. Offline ({@code local/...}) models are classical algorithms,
 * so their edits are recorded as algorithmic, every other model's as generative. Thread-safe.
 */
final class ProviderEdit {
    static {
        // Decrypted plaintext must not reach ImageIO's file cache (imageio*.tmp in java.io.tmpdir). JVM-wide,
        // so it also covers streams this bundle does not create itself.
        ImageIO.setUseCache(false);
    }

    private final ProviderCatalog providers;
    private final ImageOperation operation;

    ProviderEdit(ProviderCatalog providers, ImageOperation operation) {
        this.providers = providers;
        this.operation = operation;
    }

    /** What the listing shows: the price of the provider that would run a default request, and who can. */
    SkillDescriptor descriptor(String title, String description) {
        List<ProviderCatalog.Choice> all = providers.all(operation);
        Cost cost = choose(null, false).map(c -> c.model().costPerImage()).orElse(Cost.FREE);
        return SkillDescriptor.builder(title).description(description).cost(cost)
                .providers(all.stream().map(c -> c.provider().id()).distinct().toList()).build();
    }

    /** Refuses what no installed provider can do, before anything is queued or charged. */
    void check(String model, Boolean vector) {
        if (Boolean.TRUE.equals(vector)) {
            throw ImagesException.invalid("vector_not_supported", "Vector (SVG) results are not available yet; "
                    + "leave 'vector' out or false for a raster result.");
        }
        if (model != null) {
            ProviderCatalog.Choice c = providers.forModel(model).orElseThrow(() -> ImagesException.invalid(
                    "unknown_model", "No installed provider offers the model '" + model + "'."));
            if (!c.model().supports(operation)) {
                throw ImagesException.invalid("unknown_model", "The model '" + model + "' cannot do "
                        + operation.name().toLowerCase(Locale.ROOT) + ".");
            }
        }
    }

    Cost estimate(String model, boolean draft) {
        return choose(model, draft).map(c -> c.model().costPerImage()).orElse(Cost.FREE);
    }

    private Optional<ProviderCatalog.Choice> choose(String model, boolean draft) {
        return model != null ? providers.forModel(model).filter(c -> c.model().supports(operation))
                : providers.forOperation(operation, draft ? ModelTier.DRAFT : ModelTier.QUALITY);
    }

    /** Providers get lossless PNG: the {@code full} rendition is WebP, which not every provider reads. */
    static byte[] png(InputImage image) {
        if ("image/png".equals(image.mediaType())) {
            return image.bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.bytes().length * 4);
        try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageIO.write(image.decoded(), "png", ios);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Where an edit's mask comes from: the caller's {@link MaskRef}, or computed by the skill. */
    @FunctionalInterface
    interface MaskSource {
        /** The mask as an 8-bit gray PNG at the image's size, 255 = edit. */
        byte[] png(SkillContext context, InputImage image);

        static MaskSource of(MaskRef ref) {
            return ref == null ? null : (context, image) -> context.mask(ref, image).png();
        }
    }

    /**
     * Parameters of one edit besides the source: start with {@link #of} and add what the operation takes.
     *
     * @param action the C2PA action recorded after {@code c2pa.opened} ({@link SkillResult.Edit#EDITED} by default)
     */
    record Call(String model, boolean draft, String description, String action, MaskSource mask, String prompt,
            Double strength, Long seed, Integer scale, boolean alwaysAlgorithmic) {

        static Call of(String model, boolean draft, String description) {
            return new Call(model, draft, description, SkillResult.Edit.EDITED, null, null, null, null, null, false);
        }

        /** Records the edit as algorithmic whichever model does it (tracing outlines invents no content). */
        Call algorithmic() {
            return new Call(model, draft, description, action, mask, prompt, strength, seed, scale, true);
        }

        Call mask(MaskSource value) {
            return new Call(model, draft, description, action, value, prompt, strength, seed, scale, alwaysAlgorithmic);
        }

        Call prompt(String value) {
            return new Call(model, draft, description, action, mask, value, strength, seed, scale, alwaysAlgorithmic);
        }

        Call strength(Double value) {
            return new Call(model, draft, description, action, mask, prompt, value, seed, scale, alwaysAlgorithmic);
        }

        Call seed(Long value) {
            return new Call(model, draft, description, action, mask, prompt, strength, value, scale, alwaysAlgorithmic);
        }

        Call scale(Integer value) {
            return new Call(model, draft, description, action, mask, prompt, strength, seed, value, alwaysAlgorithmic);
        }

        Call action(String value) {
            return new Call(model, draft, description, value, mask, prompt, strength, seed, scale, alwaysAlgorithmic);
        }
    }

    SkillResult run(SkillContext context, ImageRef source, Call call) {
        ProviderCatalog.Choice choice = choose(call.model(), call.draft()).orElseThrow(() -> ImagesException
                .unavailable(ErrorCodes.PROVIDER_UNAVAILABLE, "No installed provider can do "
                        + operation.name().toLowerCase(Locale.ROOT) + " right now.", null, null));
        context.progress(0.02, "reading the source image");
        InputImage image = context.image(source);
        EditRequest.Builder request = EditRequest.builder(operation, choice.model().id(),
                EditRequest.SourceImage.of(png(image), "image/png", image.width(), image.height()))
                .prompt(call.prompt()).strength(call.strength()).seed(call.seed()).scale(call.scale());
        if (call.mask() != null) {
            request.maskPng(call.mask().png(context, image));
        }
        context.throwIfCancelled();
        context.progress(0.05, "editing with " + choice.model().id());
        GeneratedImage out = choice.provider().edit(request.build(), context::progress, context::isCancelled);
        boolean generative = !call.alwaysAlgorithmic() && !out.modelId().startsWith("local/");
        SkillResult.Edit how = (generative ? SkillResult.Edit.generative(call.action())
                : SkillResult.Edit.algorithmic(call.action())).describedAs(call.description());
        return SkillResult.image(out.data(), out.mediaType()).model(out.modelId()).prompt(call.prompt())
                .cost(choice.model().costPerImage()).editOf(source, how).build();
    }
}
