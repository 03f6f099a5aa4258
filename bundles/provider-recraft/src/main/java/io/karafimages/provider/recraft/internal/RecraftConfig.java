package io.karafimages.provider.recraft.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the Recraft provider, PID {@code images.provider.recraft}
 * ({@code etc/images.provider.recraft.cfg}). The component starts only when this configuration exists. Property
 * names are dotted as in every {@code etc/images.*.cfg} (DS reads {@code base_url()} as {@code base.url}); the API
 * token is the private property {@code .api.key}, which DS keeps out of the published service properties.
 */
@ObjectClassDefinition(id = RecraftImageProvider.PID, name = "Karaf Images: Recraft editing provider",
        description = "Edits images with Recraft's API: inpaint, replace or generate a background and image-to-image "
                + "with Recraft V3, erase region, variations, crisp and creative upscale, background removal and "
                + "vectorize (an SVG traced from the image); learns custom styles from reference images and generates "
                + "images in them (Recraft V3). It does not generate images without such a style. The provider is "
                + "registered only while this configuration exists.")
public @interface RecraftConfig {
    @AttributeDefinition(name = "API token", type = AttributeType.PASSWORD,
            description = "Recraft API token (sent as 'Authorization: Bearer ...', only to the base URL's host; "
                    + "redirects are not followed). Create it in your Recraft profile; it needs a positive API unit "
                    + "balance. Do not write the token into the file: use $[env:RECRAFT_API_KEY] or "
                    + "$[secret:recraft_api_key]. Required; the provider does not start without it.")
    String _api_key();

    @AttributeDefinition(name = "Base URL", description = "Recraft's API root, including the version. Change it "
            + "only for an API gateway or proxy that speaks the same protocol, or a test simulator.")
    String base_url() default "https://external.api.recraft.ai/v1";

    @AttributeDefinition(name = "Timeout (seconds)", description = "Longest time for one call (an edit, a style "
            + "creation or a generation in a style), from sending it to having the result. Past it the request is abandoned and the task fails as "
            + "provider_unavailable (retryable). Recraft answers edits in about 5 to 30 seconds.",
            min = "1", max = "3600")
    int timeout_seconds() default 120;

    @AttributeDefinition(name = "Connect timeout (seconds)", description = "Longest wait for a connection to "
            + "Recraft; an unreachable service fails fast as provider_unavailable (retryable).", min = "1",
            max = "300")
    int connect_timeout_seconds() default 10;

    @AttributeDefinition(name = "Recraft V3 price (USD)", description = "What one edit with model "
            + "recraft/recraftv3 (inpaint, replace background, generate background, image-to-image) is charged to "
            + "the user, in USD (1 credit = 0.001 USD). Recraft's list price is 0.04 per raster image; set your "
            + "contract price.", min = "0")
    double cost_recraftv3_usd() default 0.04;

    @AttributeDefinition(name = "Erase region price (USD)", description = "What one erase with model "
            + "recraft/erase-region is charged, in USD. Recraft's list price is 0.002 per request.", min = "0")
    double cost_erase_region_usd() default 0.002;

    @AttributeDefinition(name = "Variate price (USD)", description = "What one variation with model "
            + "recraft/variate is charged, in USD. Recraft's list price is 0.04 per request.", min = "0")
    double cost_variate_usd() default 0.04;

    @AttributeDefinition(name = "Crisp upscale price (USD)", description = "What one upscale with model "
            + "recraft/crisp-upscale (faithful enlargement, 2x or 4x) is charged, in USD. Recraft's list price is "
            + "0.004 per request.", min = "0")
    double cost_crisp_upscale_usd() default 0.004;

    @AttributeDefinition(name = "Creative upscale price (USD)", description = "What one upscale with model "
            + "recraft/creative-upscale (enlargement with invented detail, 2x or 4x) is charged, in USD. Recraft's "
            + "list price is 0.25 per request, about 60 times crisp upscale.", min = "0")
    double cost_creative_upscale_usd() default 0.25;

    @AttributeDefinition(name = "Remove background price (USD)", description = "What one background removal with "
            + "model recraft/remove-background (a PNG with the background transparent) is charged, in USD. "
            + "Recraft's list price is 0.01 per request.", min = "0")
    double cost_remove_background_usd() default 0.01;

    @AttributeDefinition(name = "Vectorize price (USD)", description = "What one vectorize with model "
            + "recraft/vectorize (the image traced into an SVG) is charged, in USD. Recraft's list price is 0.01 per "
            + "request.", min = "0")
    double cost_vectorize_usd() default 0.01;

    @AttributeDefinition(name = "Style price (USD)", description = "What model recraft/recraftv3-styles is charged "
            + "per call, in USD: one style learned from 1 to 5 reference images, and also each image generated in "
            + "such a style (the runtime charges a model's one price for both). Recraft's list price is 0.04 for "
            + "either (a style creation and a Recraft V3 raster image).", min = "0")
    double cost_create_style_usd() default 0.04;

    @AttributeDefinition(name = "Generate-background prompt", description = "The prompt sent to Recraft's generate "
            + "background endpoint when the caller gives none (the endpoint requires one). At most 1,000 bytes.")
    String generate_background_prompt() default "A natural, fitting background for the subject, matching its "
            + "lighting and perspective";
}
