package io.karafimages.core.internal.skills;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.karafimages.api.Cost;
import io.karafimages.api.EmbedService;
import io.karafimages.core.internal.embeds.EmbedContent;
import io.karafimages.core.internal.pipeline.PerceptualHash;
import io.karafimages.core.internal.registry.RankedServices;
import io.karafimages.core.internal.search.OwnImageSearch;
import io.karafimages.core.internal.search.SearchImage;
import io.karafimages.spi.search.ImageSearchProvider;
import io.karafimages.spi.search.SearchMatch;
import io.karafimages.spi.search.SearchRequest;
import io.karafimages.spi.search.SearchResults;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillId;
import io.karafimages.spi.skill.SkillResult;

/**
 * {@code reverse_search}: where else an image appears. With a search provider installed (SerpApi Google Lens) the
 * provider gets a small metadata-free JPEG of the picture, never a URL of ours; without one, the caller's own
 * images are searched by likeness. The result is an embed of type {@code search_results}, encrypted like any.
 */
@Component(service = Skill.class)
@SkillId("reverse_search")
public final class ReverseSearchSkill implements Skill<ReverseSearchSkill.Input> {
    static final String TYPE = "search_results";
    private static final int OWN_MATCHES = 20;

    /** The request body. */
    public record Input(
            @Field(required = true, description = "The image to look for: an embed you own") ImageRef image,
            @Field(maxLength = 200, description = "Words that narrow the web search (ignored offline)")
            String query) {
    }

    private final RankedServices<ImageSearchProvider> engines = new RankedServices<>();
    private final OwnImageSearch own;
    private final EmbedService embeds;

    @Activate
    public ReverseSearchSkill(@Reference OwnImageSearch own, @Reference EmbedService embeds) {
        this.own = own;
        this.embeds = embeds;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEngine(ImageSearchProvider engine, Map<String, Object> properties) {
        engines.add(engine, properties);
    }

    void removeEngine(ImageSearchProvider engine) {
        engines.remove(engine);
    }

    @Override
    public Class<Input> inputType() {
        return Input.class;
    }

    @Override
    public SkillDescriptor descriptor() {
        List<ImageSearchProvider> all = engines.all();
        SkillDescriptor.Builder b = SkillDescriptor.builder("Reverse image search").resultType(TYPE);
        if (all.isEmpty()) {
            return b.description("Finds your own images that look like this one (no web search provider is "
                    + "installed).").build();
        }
        return b.description("Finds web pages that show this image (" + all.get(0).engine() + "). The search "
                + "engine receives a small copy without metadata, never a link to your files.")
                .cost(all.get(0).cost()).providers(all.stream().map(ImageSearchProvider::id).distinct().toList())
                .build();
    }

    @Override
    public Cost estimate(Input input) {
        return engines.all().stream().findFirst().map(ImageSearchProvider::cost).orElse(Cost.FREE);
    }

    @Override
    public SkillResult run(Input in, SkillContext context) {
        List<ImageSearchProvider> all = engines.all();
        context.progress(0.05, "reading the image");
        InputImage image = context.image(in.image());
        context.throwIfCancelled();
        if (all.isEmpty()) {
            context.progress(0.2, "comparing with your own images");
            List<SearchMatch> matches = own.nearest(context.userId(), fingerprint(context.userId(), image),
                    in.image().embedId(), OWN_MATCHES);
            return result(own.engine(), matches, "local/own-images-dhash-v1", Cost.FREE, in);
        }
        ImageSearchProvider engine = all.get(0);
        byte[] jpeg = SearchImage.jpeg(image.decoded(), engine.maxUploadBytes());
        context.progress(0.2, "searching with " + engine.engine());
        SearchResults found = engine.search(SearchRequest.of(jpeg, in.query()), context::isCancelled);
        return result(found.engine(), found.matches(), engine.id() + "/" + found.engine(), engine.cost(), in);
    }

    /** The stored hash when the image has one (computed from its preview at render time), else computed now. */
    private String fingerprint(String userId, InputImage image) {
        Object stored = embeds.content(userId, image.ref().embedId()).get(EmbedContent.FINGERPRINT);
        return stored instanceof String hash ? hash : PerceptualHash.of(image.decoded());
    }

    private static SkillResult result(String engine, List<SearchMatch> matches, String model, Cost cost, Input in) {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (SearchMatch m : matches) {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("position", m.position());
            match.put("title", m.title());
            match.put("link", m.link());
            m.source().ifPresent(s -> match.put("source", s));
            m.thumbnailUrl().ifPresent(t -> match.put("thumbnail_url", t));
            wire.add(match);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("engine", engine);
        fields.put("matches", wire);
        if (in.query() != null) {
            fields.put("query", in.query());
        }
        return SkillResult.content(TYPE, fields).model(model).cost(cost).editOf(in.image(), null).build();
    }
}
