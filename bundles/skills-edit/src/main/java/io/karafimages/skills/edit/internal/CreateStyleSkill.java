package io.karafimages.skills.edit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.Cost;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.ImageOperation;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.spi.provider.ModelTier;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.provider.ProviderStyle;
import io.karafimages.spi.provider.StyleRequest;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * Create style: a reusable style learned from 1 to 5 of the caller's images, by the best installed provider that
 * has styles (Recraft; offline, a palette and tone). The result is an embed of type {@code style}, encrypted like
 * any content, whose id is the {@code style_id} that {@code generate} takes; only the provider that learned it
 * generates with it.
 */
@Component(service = Skill.class)
@SkillId("create_style")
public final class CreateStyleSkill implements Skill<CreateStyleSkill.Input> {
    static final String TYPE = "style";
    static final int MAX_IMAGES = 5;

    /** The request body. */
    public record Input(
            @Field(required = true, maxItems = MAX_IMAGES, description = "1 to 5 of your images that show the style")
            List<ImageRef> images,
            @Field(allowed = { "realistic_image", "digital_illustration" },
                    description = "The base style the references refine; default: the provider's") String baseStyle,
            @Field(description = "A model id; default: the best installed provider with styles") String model) {
    }

    private final ProviderCatalog providers;

    @Activate
    public CreateStyleSkill(@Reference ProviderCatalog providers) {
        this.providers = providers;
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        List<ProviderCatalog.Choice> all = providers.all(ImageOperation.CREATE_STYLE);
        return SkillDescriptor.builder("Create a style").resultType(TYPE)
                .description("Learns a reusable style from 1 to 5 of your images; use its style_id with generate.")
                .cost(choose(null).map(c -> c.model().costPerImage()).orElse(Cost.FREE))
                .providers(all.stream().map(c -> c.provider().id()).distinct().toList()).build();
    }

    @Override
    public Input normalize(Input in) {
        if (in.images() == null || in.images().isEmpty()) {
            throw ImagesException.invalid("images_required", "'images' needs 1 to " + MAX_IMAGES
                    + " of your images, e.g. [{\"embed_id\": \"...\"}].");
        }
        if (in.model() != null && choose(in.model()).isEmpty()) {
            throw ImagesException.invalid("unknown_model", "No installed provider creates styles with the model '"
                    + in.model() + "'.");
        }
        return in;
    }

    @Override
    public Cost estimate(Input in) {
        return choose(in.model()).map(c -> c.model().costPerImage()).orElse(Cost.FREE);
    }

    private Optional<ProviderCatalog.Choice> choose(String model) {
        return model != null ? providers.forModel(model).filter(c -> c.model().supports(ImageOperation.CREATE_STYLE))
                : providers.forOperation(ImageOperation.CREATE_STYLE, ModelTier.QUALITY);
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        ProviderCatalog.Choice choice = choose(in.model()).orElseThrow(() -> ImagesException.unavailable(
                ErrorCodes.PROVIDER_UNAVAILABLE, "No installed provider can create styles right now.", null, null));
        List<ImageRequest.ReferenceImage> references = new ArrayList<>();
        for (ImageRef ref : in.images()) {
            context.progress(0.02 + 0.1 * references.size() / in.images().size(), "reading the references");
            InputImage image = context.image(ref);
            references.add(ImageRequest.ReferenceImage.of(ProviderEdit.png(image), "image/png"));
        }
        context.throwIfCancelled();
        context.progress(0.15, "learning the style with " + choice.model().id());
        ProviderStyle style = choice.provider().createStyle(StyleRequest.of(choice.model().id(), references,
                in.baseStyle()), context::progress, context::isCancelled);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("provider", choice.provider().id());
        fields.put("provider_style", style.reference());
        if (in.baseStyle() != null) {
            fields.put("base_style", in.baseStyle().toLowerCase(Locale.ROOT));
        }
        fields.put("reference_embed_ids", in.images().stream().map(ImageRef::embedId).toList());
        return SkillResult.content(TYPE, fields).model(style.modelId()).cost(choice.model().costPerImage()).build();
    }
}
