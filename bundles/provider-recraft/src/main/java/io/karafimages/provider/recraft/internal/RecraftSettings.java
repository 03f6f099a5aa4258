package io.karafimages.provider.recraft.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import okhttp3.HttpUrl;

/**
 * The checked form of {@link RecraftConfig}. A bad value stops activation with a message that names the property,
 * instead of failing every edit later.
 *
 * @param baseUrl the API root without a trailing slash, e.g. {@code https://external.api.recraft.ai/v1}
 */
record RecraftSettings(String apiKey, HttpUrl baseUrl, Duration timeout, Duration connectTimeout, Prices prices,
        String backgroundPrompt) {
    private static final String PID = "images.provider.recraft: ";

    /** What one call of each model is charged, in USD (the {@code cost.*.usd} keys); each zero or more. */
    record Prices(double recraftV3, double eraseRegion, double variate, double crispUpscale, double creativeUpscale,
            double removeBackground, double vectorize, double createStyle) {
        Prices {
            requirePrice(recraftV3, "cost.recraftv3.usd");
            requirePrice(eraseRegion, "cost.erase.region.usd");
            requirePrice(variate, "cost.variate.usd");
            requirePrice(crispUpscale, "cost.crisp.upscale.usd");
            requirePrice(creativeUpscale, "cost.creative.upscale.usd");
            requirePrice(removeBackground, "cost.remove.background.usd");
            requirePrice(vectorize, "cost.vectorize.usd");
            requirePrice(createStyle, "cost.create.style.usd");
        }
    }

    RecraftSettings {
        if (apiKey == null || apiKey.isBlank() || apiKey.startsWith("$[")) {
            throw new IllegalArgumentException(PID + ".api.key is empty or an unresolved placeholder; set it, e.g. "
                    + ".api.key=$[env:RECRAFT_API_KEY]");
        }
        apiKey = apiKey.trim();
        if (baseUrl == null) {
            throw new IllegalArgumentException(PID + "base.url must be an http(s) URL such as "
                    + "https://external.api.recraft.ai/v1");
        }
        baseUrl = withoutTrailingSlash(baseUrl);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(PID + "timeout.seconds must be positive");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException(PID + "connect.timeout.seconds must be positive");
        }
        if (prices == null) {
            throw new IllegalArgumentException(PID + "the cost.*.usd prices are missing");
        }
        if (backgroundPrompt == null || backgroundPrompt.isBlank()
                || backgroundPrompt.getBytes(StandardCharsets.UTF_8).length > RecraftLimits.MAX_PROMPT_BYTES) {
            throw new IllegalArgumentException(PID + "generate.background.prompt must be 1 to "
                    + RecraftLimits.MAX_PROMPT_BYTES + " bytes");
        }
        backgroundPrompt = backgroundPrompt.strip();
    }

    static RecraftSettings from(RecraftConfig c) {
        String url = c.base_url() == null ? "" : c.base_url().trim();
        Prices prices = new Prices(c.cost_recraftv3_usd(), c.cost_erase_region_usd(), c.cost_variate_usd(),
                c.cost_crisp_upscale_usd(), c.cost_creative_upscale_usd(), c.cost_remove_background_usd(),
                c.cost_vectorize_usd(), c.cost_create_style_usd());
        return new RecraftSettings(c._api_key(), HttpUrl.parse(url), Duration.ofSeconds(c.timeout_seconds()),
                Duration.ofSeconds(c.connect_timeout_seconds()), prices, c.generate_background_prompt());
    }

    /** The URL of an endpoint below the base, e.g. {@code images/inpaint}. */
    HttpUrl endpoint(String path) {
        return baseUrl.newBuilder().addPathSegments(path).build();
    }

    private static void requirePrice(double usd, String key) {
        if (!(usd >= 0) || Double.isInfinite(usd)) {
            throw new IllegalArgumentException(PID + key + " must be zero or more (USD)");
        }
    }

    private static HttpUrl withoutTrailingSlash(HttpUrl url) {
        HttpUrl.Builder b = url.newBuilder();
        int last = url.pathSize() - 1;
        if (last > 0 && url.pathSegments().get(last).isEmpty()) {
            b.removePathSegment(last);
        }
        return b.build();
    }

    @Override
    public String toString() { // never print the token
        return "RecraftSettings[baseUrl=" + baseUrl + ", timeout=" + timeout + ", connectTimeout=" + connectTimeout
                + ", " + prices + "]";
    }
}
