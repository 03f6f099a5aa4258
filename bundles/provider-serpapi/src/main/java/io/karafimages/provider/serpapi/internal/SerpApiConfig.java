package io.karafimages.provider.serpapi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the SerpApi reverse image search provider, PID {@code images.provider.serpapi}
 * ({@code etc/images.provider.serpapi.cfg}). Property names are dotted as in every {@code etc/images.*.cfg} (DS reads
 * {@code base_url()} as {@code base.url}); the API key is the private property {@code .api.key}, as for the other
 * providers.
 */
@ObjectClassDefinition(id = SerpApiRegistrar.PID, name = "Karaf Images: SerpApi reverse image search",
        description = "Finds web pages that show an image, with SerpApi's Google Lens engine. Only the image's bytes "
                + "are sent (a small JPEG without metadata, uploaded to SerpApi's Image API); never a URL of this "
                + "server. The search provider is registered only while this configuration exists and has an API "
                + "key; without one the reverse_search skill searches the caller's own images offline.")
public @interface SerpApiConfig {
    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD, required = false,
            description = "SerpApi API key (https://serpapi.com/manage-api-key). It is sent only to the base URL's "
                    + "host (as SerpApi's api_key parameter); redirects are not followed. Do not write the key into "
                    + "the file: use $[env:SERPAPI_KEY] or $[secret:serpapi_key]. Empty or unresolved: the provider "
                    + "is not registered and one warning is logged.")
    String _api_key() default "";

    @AttributeDefinition(name = "Base URL", description = "SerpApi's root; the provider calls <base>/image, "
            + "<base>/search.json and <base>/searches/<id>.json. Change it only for a proxy that speaks the same "
            + "protocol, or a test simulator.")
    String base_url() default "https://serpapi.com";

    @AttributeDefinition(name = "Timeout (seconds)", description = "Longest time for one whole search: the upload, "
            + "the search and any wait for a search SerpApi still processes. Past it the search is abandoned and "
            + "the task fails as provider_unavailable (retryable). At most 300, well inside the 10 minutes an "
            + "uploaded image stays known to SerpApi. Google Lens searches usually take 2 to 10 seconds.",
            min = "1", max = "300")
    int timeout_seconds() default 60;

    @AttributeDefinition(name = "Price per search (USD)", description = "What one successful search is charged to "
            + "the user, in USD (1 credit = 0.001 USD). SerpApi bills one search of the plan per uncached search "
            + "(the upload is free): about 0.015 USD on the Production plan (150 USD for 15,000); set your plan's "
            + "price.", min = "0")
    double cost_usd() default 0.015;

    @AttributeDefinition(name = "Language", required = false, description = "Google's hl parameter: the language "
            + "of titles and sources, e.g. en, de, pt-BR. Empty: SerpApi's default (English).")
    String hl() default "";

    @AttributeDefinition(name = "Country", required = false, description = "Google's country parameter: a "
            + "two-letter country code such as us, de, fr, which biases results to that country. Empty: SerpApi's "
            + "default.")
    String country() default "";

    @AttributeDefinition(name = "SafeSearch", description = "Google's safe parameter: 'active' filters adult "
            + "results (the default), 'off' does not.", options = {
                @Option(value = "active", label = "active (filter adult results)"),
                @Option(value = "off", label = "off")})
    String safe() default "active";

    @AttributeDefinition(name = "Maximum matches", description = "How many visual matches one search returns at "
            + "most, best first. Google Lens answers up to about 60.", min = "1", max = "100")
    int max_matches() default 20;
}
