package io.karafimages.provider.fal.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the fal.ai provider, PID {@code images.provider.fal} ({@code etc/images.provider.fal.cfg}). The
 * component starts only when this configuration exists. Property names are dotted as in every
 * {@code etc/images.*.cfg} (DS reads {@code image_size()} as {@code image.size}); the API key is the private
 * property {@code .api.key}, which DS keeps out of the published service properties.
 */
@ObjectClassDefinition(id = FalImageProvider.PID, name = "Karaf Images: fal.ai provider",
        description = "Generates draft images with FLUX.2 [klein] 9B on fal.ai's queue API: cheap and fast, for "
                + "'draft: true' requests; also edits images by instruction (image-to-image, variations) with the "
                + "klein edit endpoint. The provider is registered only while this configuration exists.")
public @interface FalConfig {
    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD,
            description = "fal.ai API key (sent as 'Authorization: Key ...', only to the base URL's host). Do not "
                    + "write the key into the file: use $[env:FAL_KEY] or $[secret:fal_key]. Required; the "
                    + "provider does not start without it.")
    String _api_key();

    @AttributeDefinition(name = "Model path", description = "fal.ai model endpoint that draws the images; also "
            + "the model id shown in the API and in embeds. Requests with reference images go to the same path "
            + "followed by '/edit'.")
    String model() default "fal-ai/flux-2/klein/9b/base";

    @AttributeDefinition(name = "Edit model path", description = "fal.ai model endpoint for image-to-image and "
            + "variations of an existing image; also the model id shown in the API and in embeds for edited images. "
            + "It receives the source image (as a data URI in 'image_urls'), a written instruction, the source's "
            + "size and the seed; it has no mask and no strength parameter, so the strength is worded into the "
            + "instruction. Leave empty to offer no editing from fal.ai.")
    String edit_model() default FalSettings.DEFAULT_EDIT_MODEL;

    @AttributeDefinition(name = "Base URL", description = "fal.ai queue endpoint. Change it only for an API "
            + "gateway or proxy that speaks the same queue protocol, or a test simulator.")
    String base_url() default "https://queue.fal.run";

    @AttributeDefinition(name = "Poll interval (ms)", description = "How often a running request's status is "
            + "asked for. Lower values notice a finished image sooner and cost more requests. A cancelled task "
            + "stops waiting within 50 ms whatever this is.", min = "10", max = "60000")
    int poll_interval_ms() default 500;

    @AttributeDefinition(name = "Timeout (seconds)", description = "Longest time from submitting a request to "
            + "having its image, queue time included. Past it the request is cancelled at fal.ai and the task "
            + "fails as provider_unavailable (retryable).", min = "1", max = "3600")
    int timeout_seconds() default 180;

    @AttributeDefinition(name = "Cost per image (USD)", description = "What one image costs you, charged to the "
            + "user in credits (1 credit = 0.001 USD). fal.ai bills this model per megapixel; the default is a "
            + "rough figure for one ~1 megapixel image, about a tenth of Gemini's: configure your contract "
            + "price.", min = "0")
    double cost_usd() default 0.014;

    @AttributeDefinition(name = "Cost per edited image (USD)", description = "What one edited image (image-to-image "
            + "or variation) costs you, charged to the user in credits (1 credit = 0.001 USD). fal.ai bills the klein "
            + "9B edit endpoint per megapixel of input and of output (listed at about 0.011 USD per megapixel each), "
            + "so a large source costs more; the default is a rough figure for a ~1 megapixel source and result: "
            + "configure your contract price.", min = "0")
    double edit_cost_usd() default 0.022;

    @AttributeDefinition(name = "Image download hosts", description = "Where result images may be fetched from, "
            + "comma-separated host names or *.suffix patterns; links must be https. fal.ai's answer names the "
            + "link, so anything else (another host, plain http, a redirect elsewhere, a name that resolves to a "
            + "loopback, private or link-local address) is refused as provider_bad_output instead of fetched. "
            + "The base URL's own host is always allowed.")
    String download_hosts() default FalSettings.DEFAULT_DOWNLOAD_HOSTS;
}
