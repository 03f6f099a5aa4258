package io.karafimages.core.internal.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.EmbedService;
import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.embeds.EmbedContent;
import io.karafimages.core.internal.pipeline.PerceptualHash;
import io.karafimages.spi.search.SearchMatch;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.EmbedRepository;

/**
 * The offline reverse search: the caller's own images that look like the given one ("have I made this before?"),
 * by the perceptual hash each image keeps in its encrypted content. Only the newest {@link #SCANNED} images are
 * compared, because every comparison decrypts one content document (one key unwrap, a Vault call in a cluster).
 * Thread-safe.
 */
@Component(service = OwnImageSearch.class)
public final class OwnImageSearch {
    static final int SCANNED = 300;
    static final String ENGINE = "own_images";
    private static final Logger LOG = LoggerFactory.getLogger(OwnImageSearch.class);

    private final EmbedRepository store;
    private final EmbedService embeds;

    @Activate
    public OwnImageSearch(@Reference EmbedRepository store, @Reference EmbedService embeds) {
        this.store = store;
        this.embeds = embeds;
    }

    /** The engine name results carry. */
    public String engine() {
        return ENGINE;
    }

    /** The closest of the user's images to {@code fingerprint}, nearest first, except {@code excludeEmbedId}. */
    public List<SearchMatch> nearest(String userId, String fingerprint, String excludeEmbedId, int limit) {
        record Candidate(String embedId, int distance, Map<String, Object> content) {
        }
        List<Candidate> close = new ArrayList<>();
        for (EmbedRecord e : store.findFinishedEmbeds(userId, EmbedRecord.IMAGE, SCANNED)) {
            if (e.id().equals(excludeEmbedId)) {
                continue;
            }
            Map<String, Object> content;
            try {
                content = embeds.content(userId, e.id());
            } catch (ImagesException unreadable) {
                LOG.debug("Skipping embed {} in the own-image search: {}", e.id(), unreadable.getMessage());
                continue;
            }
            if (content.get(EmbedContent.FINGERPRINT) instanceof String hash) {
                int d = PerceptualHash.distance(fingerprint, hash);
                if (d <= PerceptualHash.SAME_PICTURE) {
                    close.add(new Candidate(e.id(), d, content));
                }
            }
        }
        close.sort(Comparator.comparingInt(Candidate::distance));
        List<SearchMatch> matches = new ArrayList<>();
        for (Candidate c : close.subList(0, Math.min(limit, close.size()))) {
            matches.add(SearchMatch.of(matches.size() + 1, title(c.content()), "/v1/embeds/" + c.embedId(),
                    "your images", "/v1/embeds/" + c.embedId() + "/file?format=preview"));
        }
        return matches;
    }

    private static String title(Map<String, Object> content) {
        if (content.get("prompt") instanceof String prompt && !prompt.isBlank()) {
            return prompt.length() > 120 ? prompt.substring(0, 117) + "..." : prompt;
        }
        if (content.get("name") instanceof String name && !name.isBlank()) {
            return name;
        }
        return "Your " + (content.get("skill") instanceof String s ? s : "image");
    }
}
