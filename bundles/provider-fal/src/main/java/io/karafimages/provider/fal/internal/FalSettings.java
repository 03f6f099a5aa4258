package io.karafimages.provider.fal.internal;

import java.time.Duration;

import okhttp3.HttpUrl;

/**
 * The checked form of {@link FalConfig}. A bad value stops activation with a message that names the property,
 * instead of failing every image later.
 *
 * @param model the fal.ai endpoint path without slashes at either end, e.g. {@code fal-ai/flux-2/klein/9b/base}
 */
record FalSettings(String apiKey, String model, HttpUrl baseUrl, Duration pollInterval, Duration timeout,
        double costUsd) {
    FalSettings {
        if (apiKey == null || apiKey.isBlank() || apiKey.startsWith("$[")) {
            throw new IllegalArgumentException("images.provider.fal: .api.key is empty or an unresolved placeholder; "
                    + "set it, e.g. .api.key=$[env:FAL_KEY]");
        }
        apiKey = apiKey.trim();
        model = model == null ? "" : model.trim().replaceAll("^/+|/+$", "");
        if (!model.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+")) {
            throw new IllegalArgumentException("images.provider.fal: model '" + model + "' is not a fal.ai "
                    + "endpoint path such as fal-ai/flux-2/klein/9b/base");
        }
        if (baseUrl == null) {
            throw new IllegalArgumentException("images.provider.fal: base.url must be an http(s) URL");
        }
        if (pollInterval == null || pollInterval.toMillis() < 10) {
            throw new IllegalArgumentException("images.provider.fal: poll.interval.ms must be at least 10");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("images.provider.fal: timeout.seconds must be positive");
        }
        if (!(costUsd >= 0)) {
            throw new IllegalArgumentException("images.provider.fal: cost.usd must be zero or more");
        }
    }

    static FalSettings from(FalConfig c) {
        return new FalSettings(c._api_key(), c.model(), HttpUrl.parse(c.base_url() == null ? "" : c.base_url().trim()),
                Duration.ofMillis(c.poll_interval_ms()), Duration.ofSeconds(c.timeout_seconds()), c.cost_usd());
    }

    /** Where a request is submitted: the model path, or its {@code /edit} endpoint when there are references. */
    HttpUrl submitUrl(boolean edit) {
        return baseUrl.newBuilder().addPathSegments(edit ? model + "/edit" : model).build();
    }

    /** Whether a URL is on the configured endpoint, the only place the API key is sent. */
    boolean isOwnEndpoint(HttpUrl url) {
        return url.scheme().equals(baseUrl.scheme()) && url.host().equals(baseUrl.host())
                && url.port() == baseUrl.port();
    }

    @Override
    public String toString() { // never print the key
        return "FalSettings[model=" + model + ", baseUrl=" + baseUrl + ", pollInterval=" + pollInterval + ", timeout="
                + timeout + ", costUsd=" + costUsd + "]";
    }
}
