package io.karafimages.provider.fal.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import okhttp3.HttpUrl;

/**
 * The checked form of {@link FalConfig}. A bad value stops activation with a message that names the property,
 * instead of failing every image later.
 *
 * @param model the fal.ai endpoint path without slashes at either end, e.g. {@code fal-ai/flux-2/klein/9b/base}
 * @param editModel the endpoint path of image-to-image and variations, e.g. {@code fal-ai/flux-2/klein/9b/edit};
 *        empty when the operator switched editing off
 */
record FalSettings(String apiKey, String model, Optional<String> editModel, HttpUrl baseUrl, Duration pollInterval,
        Duration timeout, double costUsd, double editCostUsd, List<String> downloadHosts) {
    static final String DEFAULT_EDIT_MODEL = "fal-ai/flux-2/klein/9b/edit";
    /** fal.ai's result CDN ({@code v3.fal.media}, {@code fal.media}) and its own run hosts. */
    static final String DEFAULT_DOWNLOAD_HOSTS = "fal.media, *.fal.media, fal.run, *.fal.run";

    /** With the default download hosts. */
    FalSettings(String apiKey, String model, Optional<String> editModel, HttpUrl baseUrl, Duration pollInterval,
            Duration timeout, double costUsd, double editCostUsd) {
        this(apiKey, model, editModel, baseUrl, pollInterval, timeout, costUsd, editCostUsd,
                hostList(DEFAULT_DOWNLOAD_HOSTS));
    }

    FalSettings {
        if (apiKey == null || apiKey.isBlank() || apiKey.startsWith("$[")) {
            throw new IllegalArgumentException("images.provider.fal: .api.key is empty or an unresolved placeholder; "
                    + "set it, e.g. .api.key=$[env:FAL_KEY]");
        }
        apiKey = apiKey.trim();
        model = path("model", model);
        editModel = editModel == null ? Optional.empty() : editModel.map(String::trim).filter(m -> !m.isEmpty())
                .map(m -> path("edit.model", m));
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
        if (!(editCostUsd >= 0)) {
            throw new IllegalArgumentException("images.provider.fal: edit.cost.usd must be zero or more");
        }
        downloadHosts = List.copyOf(downloadHosts);
        new DownloadPolicy(downloadHosts, baseUrl); // names a bad entry now, not at the first image
    }

    static List<String> hostList(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableList());
    }

    DownloadPolicy downloadPolicy() {
        return new DownloadPolicy(downloadHosts, baseUrl);
    }

    static FalSettings from(FalConfig c) {
        return new FalSettings(c._api_key(), c.model(), Optional.ofNullable(c.edit_model()),
                HttpUrl.parse(c.base_url() == null ? "" : c.base_url().trim()), Duration.ofMillis(c.poll_interval_ms()),
                Duration.ofSeconds(c.timeout_seconds()), c.cost_usd(), c.edit_cost_usd(), hostList(c.download_hosts()));
    }

    private static String path(String property, String value) {
        String p = value == null ? "" : value.trim().replaceAll("^/+|/+$", "");
        if (!p.matches("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+")) {
            throw new IllegalArgumentException("images.provider.fal: " + property + " '" + p + "' is not a fal.ai "
                    + "endpoint path such as fal-ai/flux-2/klein/9b/base");
        }
        return p;
    }

    /** Where a request is submitted: the model path, or its {@code /edit} endpoint when there are references. */
    HttpUrl submitUrl(boolean edit) {
        return baseUrl.newBuilder().addPathSegments(edit ? model + "/edit" : model).build();
    }

    /** Where an edit is submitted: the edit model's own path (it has no {@code /edit} suffix added). */
    Optional<HttpUrl> editUrl() {
        return editModel.map(m -> baseUrl.newBuilder().addPathSegments(m).build());
    }

    /**
     * The readable name provenance labels show for edited images: the product name for the default endpoint, the
     * configured path otherwise, so a label never claims a model that did not make the image.
     */
    Optional<String> editDisplayName() {
        return editModel.map(m -> DEFAULT_EDIT_MODEL.equals(m) ? "FLUX.2 [klein] 9B edit (fal.ai)" : m + " (fal.ai)");
    }

    /** Whether a URL is on the configured endpoint, the only place the API key is sent. */
    boolean isOwnEndpoint(HttpUrl url) {
        return url.scheme().equals(baseUrl.scheme()) && url.host().equals(baseUrl.host())
                && url.port() == baseUrl.port();
    }

    @Override
    public String toString() { // never print the key
        return "FalSettings[model=" + model + ", editModel=" + editModel.orElse("(none)") + ", baseUrl=" + baseUrl
                + ", pollInterval=" + pollInterval + ", timeout=" + timeout + ", costUsd=" + costUsd + ", editCostUsd="
                + editCostUsd + ", downloadHosts=" + downloadHosts + "]";
    }
}
