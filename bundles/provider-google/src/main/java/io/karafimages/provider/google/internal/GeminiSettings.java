package io.karafimages.provider.google.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checked form of {@link GeminiConfig}. A bad value stops activation with a message that names the property,
 * instead of failing every image later.
 *
 * @param baseUrl empty for Google's own endpoint
 */
record GeminiSettings(String apiKey, String model, String imageSize, Duration timeout, Optional<URI> baseUrl,
        double costUsd) {
    static final String MODEL_PREFIX = "google/";
    private static final Set<String> IMAGE_SIZES = Set.of("1K", "2K", "4K");
    private static final Map<String, String> DISPLAY_NAMES = Map.of(
            "gemini-3-pro-image-preview", "Google Gemini 3 Pro Image");

    GeminiSettings {
        if (apiKey == null || apiKey.isBlank() || apiKey.startsWith("$[")) {
            throw new IllegalArgumentException("images.provider.google: .api.key is empty or an unresolved "
                    + "placeholder; set it, e.g. .api.key=$[env:GEMINI_API_KEY]");
        }
        apiKey = apiKey.trim();
        model = model == null ? "" : model.trim();
        if (model.startsWith(MODEL_PREFIX)) {
            model = model.substring(MODEL_PREFIX.length());
        }
        if (model.isEmpty() || !model.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("images.provider.google: model '" + model + "' is not a Gemini model name");
        }
        imageSize = imageSize == null ? "" : imageSize.trim().toUpperCase(Locale.ROOT);
        if (!IMAGE_SIZES.contains(imageSize)) {
            throw new IllegalArgumentException("images.provider.google: image.size must be 1K, 2K or 4K, not '"
                    + imageSize + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("images.provider.google: timeout.seconds must be positive");
        }
        baseUrl = baseUrl == null ? Optional.empty() : baseUrl;
        baseUrl.ifPresent(u -> {
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("images.provider.google: base.url must be an http(s) URL");
            }
        });
        if (!(costUsd >= 0)) {
            throw new IllegalArgumentException("images.provider.google: cost.usd must be zero or more");
        }
    }

    static GeminiSettings from(GeminiConfig c) {
        String base = c.base_url() == null ? "" : c.base_url().trim();
        return new GeminiSettings(c._api_key(), c.model(), c.image_size(), Duration.ofSeconds(c.timeout_seconds()),
                base.isEmpty() ? Optional.empty() : Optional.of(URI.create(base)), c.cost_usd());
    }

    /** The model id the API, the catalog and embeds show, e.g. {@code google/gemini-3-pro-image-preview}. */
    String modelId() {
        return MODEL_PREFIX + model;
    }

    /** Whether a request names this model, by its id or its bare Gemini name. */
    boolean isModel(String requested) {
        return modelId().equals(requested) || model.equals(requested);
    }

    /**
     * The readable name provenance labels show. Known models get Google's product name; any other configured model
     * is named by its API name, so a label never claims a model that did not make the image.
     */
    String displayName() {
        return DISPLAY_NAMES.getOrDefault(model, "Google Gemini (" + model + ")");
    }

    @Override
    public String toString() { // never print the key
        return "GeminiSettings[model=" + model + ", imageSize=" + imageSize + ", timeout=" + timeout + ", baseUrl="
                + baseUrl.map(URI::toString).orElse("(Google)") + ", costUsd=" + costUsd + "]";
    }
}
