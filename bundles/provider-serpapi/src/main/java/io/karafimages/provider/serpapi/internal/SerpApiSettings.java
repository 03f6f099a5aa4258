package io.karafimages.provider.serpapi.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;

/**
 * The checked form of {@link SerpApiConfig}. A bad value stops activation with a message that names the property,
 * instead of failing every search later; a missing API key is not a bad value but "not configured" (see
 * {@link #from}).
 *
 * @param baseUrl SerpApi's root without a trailing slash, e.g. {@code https://serpapi.com}
 * @param hl Google's language, when set
 * @param country Google's country, when set
 * @param safe {@code active} or {@code off}
 */
record SerpApiSettings(String apiKey, HttpUrl baseUrl, Duration timeout, double costUsd, Optional<String> hl,
        Optional<String> country, String safe, int maxMatches) {
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(300);
    static final int MAX_MATCHES = 100;
    private static final String PID = SerpApiRegistrar.PID + ": ";
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}([-_][a-z0-9]{2,4})?");
    private static final Pattern COUNTRY = Pattern.compile("[a-z]{2}");

    SerpApiSettings {
        if (!hasKey(apiKey)) {
            throw new IllegalArgumentException(PID + ".api.key is empty or an unresolved placeholder");
        }
        apiKey = apiKey.trim();
        if (baseUrl == null) {
            throw new IllegalArgumentException(PID + "base.url must be an http(s) URL such as https://serpapi.com");
        }
        baseUrl = withoutTrailingSlash(baseUrl);
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(PID + "timeout.seconds must be 1 to " + MAX_TIMEOUT.toSeconds());
        }
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException(PID + "cost.usd must be zero or more (USD)");
        }
        hl = normalised(hl);
        if (hl.isPresent() && !LANGUAGE.matcher(hl.get()).matches()) {
            throw new IllegalArgumentException(PID + "hl must be a Google language code such as en or pt-br, not '"
                    + hl.get() + "'");
        }
        country = normalised(country);
        if (country.isPresent() && !COUNTRY.matcher(country.get()).matches()) {
            throw new IllegalArgumentException(PID + "country must be a two-letter country code such as us, not '"
                    + country.get() + "'");
        }
        safe = safe == null ? "" : safe.trim().toLowerCase(Locale.ROOT);
        if (!safe.equals("active") && !safe.equals("off")) {
            throw new IllegalArgumentException(PID + "safe must be active or off, not '" + safe + "'");
        }
        if (maxMatches < 1 || maxMatches > MAX_MATCHES) {
            throw new IllegalArgumentException(PID + "max.matches must be 1 to " + MAX_MATCHES);
        }
    }

    /**
     * The settings of a configuration, or empty when it has no usable API key (the provider is then not offered).
     *
     * @throws IllegalArgumentException naming the property when another value is wrong
     */
    static Optional<SerpApiSettings> from(SerpApiConfig c) {
        if (!hasKey(c._api_key())) {
            return Optional.empty();
        }
        String url = c.base_url() == null ? "" : c.base_url().trim();
        return Optional.of(new SerpApiSettings(c._api_key(), HttpUrl.parse(url),
                Duration.ofSeconds(c.timeout_seconds()), c.cost_usd(), Optional.ofNullable(c.hl()),
                Optional.ofNullable(c.country()), c.safe(), c.max_matches()));
    }

    /** Whether a key is there: not blank, and not a {@code $[env:..]} placeholder left unresolved by Karaf. */
    static boolean hasKey(String apiKey) {
        return apiKey != null && !apiKey.isBlank() && !apiKey.trim().startsWith("$[");
    }

    /** The URL of an endpoint below the base, e.g. {@code search.json}. */
    HttpUrl endpoint(String path) {
        return baseUrl.newBuilder().addPathSegments(path).build();
    }

    private static Optional<String> normalised(Optional<String> value) {
        return value == null ? Optional.empty()
                : value.map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty());
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
    public String toString() { // never print the key
        return "SerpApiSettings[baseUrl=" + baseUrl + ", timeout=" + timeout + ", costUsd=" + costUsd + ", hl="
                + hl.orElse("-") + ", country=" + country.orElse("-") + ", safe=" + safe + ", maxMatches="
                + maxMatches + "]";
    }
}
