package io.karafimages.core.internal.styles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.karafimages.api.EmbedService;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.ImagesException;
import io.karafimages.api.Style;
import io.karafimages.api.StyleService;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.EmbedRepository;

/**
 * The users' styles. A style is an embed of type {@code style} made by {@code create_style}: its encrypted content
 * names the provider and model that learned it and the provider's own reference to it, which is handed back only to
 * that provider when the owner generates with it. Thread-safe.
 */
@Component(service = { StyleBook.class, StyleService.class })
public final class StyleBook implements StyleService {
    /** The embed type of styles, and a style's content keys. */
    public static final String TYPE = "style";
    public static final String PROVIDER = "provider";
    public static final String REFERENCE = "provider_style";
    public static final String BASE_STYLE = "base_style";
    private static final int LISTED = 200;

    /** A style as generation needs it. */
    public record StoredStyle(String styleId, String provider, String model, String reference) {
    }

    private final EmbedRepository store;
    private final EmbedService embeds;

    @Activate
    public StyleBook(@Reference EmbedRepository store, @Reference EmbedService embeds) {
        this.store = store;
        this.embeds = embeds;
    }

    /**
     * The user's finished style.
     *
     * @throws ImagesException 404 {@code not_found} when absent, another user's, not a style, or not finished
     */
    public StoredStyle find(String userId, String styleId) {
        owned(userId, styleId);
        Map<String, Object> content = embeds.content(userId, styleId);
        return new StoredStyle(styleId, (String) content.get(PROVIDER), (String) content.get("model"),
                (String) content.get(REFERENCE));
    }

    @Override
    public List<Style> list(String userId) {
        List<Style> styles = new ArrayList<>();
        for (EmbedRecord e : store.findFinishedEmbeds(userId, TYPE, LISTED)) {
            Map<String, Object> content = embeds.content(userId, e.id());
            styles.add(new Style(e.id(), (String) content.get(PROVIDER), (String) content.get("model"),
                    (String) content.get(BASE_STYLE), e.createdAt()));
        }
        return styles;
    }

    @Override
    public void delete(String userId, String styleId) {
        owned(userId, styleId);
        store.deleteEmbed(styleId);
    }

    private EmbedRecord owned(String userId, String styleId) {
        return store.findEmbed(styleId).filter(e -> e.ownerId().equals(userId) && TYPE.equals(e.type())
                && e.status() == EmbedStatus.FINISHED).orElseThrow(() -> ImagesException.notFound("Style"));
    }
}
