package io.karafimages.core.internal.skills;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.spi.provider.GeneratedImage;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImageOutput;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/** The {@code generate} skill: a prompt to an image, by the quality model or (draft) the draft model. */
@Component(service = Skill.class)
@SkillId("generate")
public final class GenerateSkill implements Skill {
    private final ProviderCatalog providers;

    @Activate
    public GenerateSkill(@Reference ProviderCatalog providers) {
        this.providers = providers;
    }

    @Override
    public SkillDescriptor descriptor() {
        Cost cost = providers.forTier(ModelTier.QUALITY).map(c -> c.model().costPerImage()).orElse(Cost.FREE);
        List<String> ids = providers.providers().stream().map(ImageProvider::id).distinct().toList();
        return new SkillDescriptor("generate", "Generate an image",
                "Creates an image from a text prompt. 'draft: true' uses the cheaper draft model.", true, cost,
                GenerateSchema.SCHEMA, ids);
    }

    @Override
    public Map<String, Object> validate(Map<String, Object> input) {
        GenerateInput parsed = GenerateInput.parse(input);
        if (parsed.model() != null && providers.forModel(parsed.model()).isEmpty()) {
            throw ImagesException.invalid("unknown_model", "No installed provider offers the model '"
                    + parsed.model() + "'.");
        }
        return parsed.toMap();
    }

    @Override
    public Cost cost(Map<String, Object> input) {
        GenerateInput in = GenerateInput.parse(input);
        return choose(in).map(c -> c.model().costPerImage()).orElse(Cost.FREE);
    }

    private java.util.Optional<ProviderCatalog.Choice> choose(GenerateInput in) {
        return in.model() != null ? providers.forModel(in.model())
                : providers.forTier(in.draft() ? ModelTier.DRAFT : ModelTier.QUALITY);
    }

    @Override
    public SkillResult run(Map<String, Object> input, SkillContext context) {
        GenerateInput in = GenerateInput.parse(input);
        ProviderCatalog.Choice choice = choose(in).orElseThrow(() -> ImagesException.unavailable("provider_unavailable",
                "No installed image provider offers " + (in.model() != null ? "the model '" + in.model() + "'"
                        : in.draft() ? "a draft model" : "a quality model") + ".", null, null));
        List<ImageRequest.ReferenceImage> refs = new ArrayList<>();
        for (String id : in.referenceEmbedIds()) {
            refs.add(new ImageRequest.ReferenceImage(context.readOwnImage(id, RenditionFormat.ORIGINAL), "image/png"));
        }
        context.progress(0.05, "generating with " + choice.model().id());
        GeneratedImage image = choice.provider().generate(
                new ImageRequest(choice.model().id(), in.prompt(), in.aspectRatio(), refs), context::progress,
                context::isCancelled);
        ImageOutput output = new ImageOutput(in.prompt(), image.modelId(), in.aspectRatio().wireName(),
                in.referenceEmbedIds().isEmpty() ? null : in.referenceEmbedIds().get(0),
                choice.model().costPerImage(), Instant.now(), Map.of());
        return SkillResult.image(image.data(), image.mediaType(), output);
    }
}
