package io.karafimages.core.internal.skills;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.embeds.DefaultEmbedService;
import io.karafimages.core.internal.styles.StyleBook;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/** The {@code generate} skill: a prompt to an image, by the quality model or (draft) the draft model. */
@Component(service = Skill.class)
@SkillId("generate")
public final class GenerateSkill implements Skill<GenerateInput>, OwnerChecks<GenerateInput> {
    private static final java.util.regex.Pattern EMBED_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ProviderCatalog providers;
    private final StyleBook styles;
    private final DefaultEmbedService embeds;

    @Activate
    public GenerateSkill(@Reference ProviderCatalog providers, @Reference StyleBook styles,
            @Reference DefaultEmbedService embeds) {
        this.providers = providers;
        this.styles = styles;
        this.embeds = embeds;
    }

    @Override
    public Class<GenerateInput> inputType() {
        return GenerateInput.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        Cost cost = providers.forTier(ModelTier.QUALITY).map(c -> c.model().costPerImage()).orElse(Cost.FREE);
        List<String> ids = providers.providers().stream().map(ImageProvider::id).distinct().toList();
        return SkillDescriptor.builder("Generate an image")
                .description("Creates an image from a text prompt. 'draft: true' uses the cheaper draft model.")
                .cost(cost).providers(ids).build();
    }

    @Override
    public GenerateInput normalize(GenerateInput input) {
        if (input.model() != null && providers.forModel(input.model()).isEmpty()) {
            throw ImagesException.invalid("unknown_model", "No installed provider offers the model '"
                    + input.model() + "'.");
        }
        if (input.styleId() != null && providers.all(ImageOperation.CREATE_STYLE).isEmpty()) {
            throw ImagesException.invalid("style_not_supported",
                    "'style_id' needs a provider with styles (Recraft, or the offline one), and none is installed.");
        }
        return input;
    }

    /** A style must be the caller's, and the provider that learned it installed: refused at submit otherwise. */
    @Override
    public void checkFor(String userId, GenerateInput input) {
        for (String id : input.referenceEmbedIds()) {
            if (id == null || !EMBED_ID.matcher(id).matches()) {
                throw ImagesException.invalid("invalid_reference", "'reference_embed_ids' holds embed ids such as "
                        + "\"3f2a...\" (at most 64 letters, digits and dashes).");
            }
            embeds.facts(userId, id); // 404 when absent or another user's, 409 while it is being made
        }
        if (input.styleId() != null) {
            styledChoice(styles.find(userId, input.styleId()), input);
        }
    }

    private ProviderCatalog.Choice styledChoice(StyleBook.StoredStyle style, GenerateInput in) {
        if (in.model() != null && !in.model().equals(style.model())) {
            throw ImagesException.invalid("style_model_mismatch", "The style was made with '" + style.model()
                    + "' and only generates with it; leave 'model' out.");
        }
        return providers.forModel(style.model()).filter(c -> c.model().supports(ImageOperation.CREATE_STYLE))
                .orElseThrow(() -> ImagesException.invalid("style_not_supported", "The style was made by '"
                        + style.provider() + "', which is not installed now."));
    }

    /** With a style, the dearest model that has styles: the style's own model is only known with the caller's key. */
    @Override
    public Cost estimate(GenerateInput input) {
        if (input.styleId() != null) {
            return providers.all(ImageOperation.CREATE_STYLE).stream().map(c -> c.model().costPerImage())
                    .max(java.util.Comparator.comparingLong(Cost::credits)).orElse(Cost.FREE);
        }
        return choose(input).map(c -> c.model().costPerImage()).orElse(Cost.FREE);
    }

    private Optional<ProviderCatalog.Choice> choose(GenerateInput in) {
        return in.model() != null ? providers.forModel(in.model())
                : providers.forTier(in.draft() ? ModelTier.DRAFT : ModelTier.QUALITY);
    }

    @Override
    public SkillResult run(GenerateInput in, SkillContext context) {
        StyleBook.StoredStyle style = in.styleId() == null ? null : styles.find(context.userId(), in.styleId());
        ProviderCatalog.Choice choice = style != null ? styledChoice(style, in) : choose(in).orElseThrow(() -> ImagesException.unavailable(
                ErrorCodes.PROVIDER_UNAVAILABLE, "No installed image provider offers " + (in.model() != null
                        ? "the model '" + in.model() + "'" : in.draft() ? "a draft model" : "a quality model") + ".",
                null, null));
        List<ImageRequest.ReferenceImage> refs = new ArrayList<>();
        for (String id : in.referenceEmbedIds()) {
            InputImage ref = context.image(ImageRef.of(id));
            refs.add(ImageRequest.ReferenceImage.of(ref.bytes(), ref.mediaType()));
        }
        context.progress(0.05, "generating with " + choice.model().id());
        GeneratedImage image = choice.provider().generate(ImageRequest.builder(choice.model().id(), in.prompt())
                .aspectRatio(in.ratio()).references(refs).style(style == null ? null : style.reference()).build(),
                context::progress, context::isCancelled);
        SkillResult.Builder result = SkillResult.image(image.data(), image.mediaType()).model(image.modelId())
                .prompt(in.prompt()).aspectRatio(in.aspectRatio()).cost(choice.model().costPerImage());
        if (!in.referenceEmbedIds().isEmpty()) {
            result.extra("reference_embed_ids", in.referenceEmbedIds());
        }
        if (style != null) {
            result.extra("style_id", style.styleId());
        }
        return result.build();
    }
}
