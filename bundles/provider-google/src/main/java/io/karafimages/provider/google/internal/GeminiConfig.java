package io.karafimages.provider.google.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the Gemini provider, PID {@code images.provider.google} ({@code etc/images.provider.google.cfg}).
 * The component starts only when this configuration exists. Property names are dotted as in every
 * {@code etc/images.*.cfg} (DS reads {@code image_size()} as {@code image.size}); the API key is the private
 * property {@code .api.key}, which DS keeps out of the published service properties.
 */
@ObjectClassDefinition(id = GeminiImageProvider.PID, name = "Karaf Images: Google Gemini provider",
        description = "Generates images with Google's Gemini image model through the Gemini API, and edits them by "
                + "instruction (image-to-image, variations). The provider is registered only while this "
                + "configuration exists; remove the file to switch it off.")
public @interface GeminiConfig {
    @AttributeDefinition(name = "API key", type = AttributeType.PASSWORD,
            description = "Gemini API key from Google AI Studio. Key '.api.key'. Do not write the key into the file: use "
                    + "$[env:GEMINI_API_KEY] or $[secret:gemini_api_key] so it comes from the environment or "
                    + "a secret file. Required; the provider does not start without it.")
    String _api_key();

    @AttributeDefinition(name = "Model", description = "Gemini model that draws the images. Its id in the API "
            + "and in embeds is this name with the prefix 'google/'.")
    String model() default "gemini-3-pro-image-preview";

    @AttributeDefinition(name = "Image size", description = "Resolution class Gemini renders at: 1K (about "
            + "1 megapixel, e.g. 1024x1024 or 1376x768), 2K or 4K. Larger sizes cost more and take longer.",
            options = {@Option(label = "1K", value = "1K"), @Option(label = "2K", value = "2K"),
                @Option(label = "4K", value = "4K")})
    String image_size() default "1K";

    @AttributeDefinition(name = "Timeout (seconds)", description = "Longest wait for one Gemini answer, from "
            + "sending the request to the last byte. A request that takes longer fails as provider_unavailable "
            + "(retryable). Gemini image models usually answer in 10 to 40 seconds.", min = "1", max = "900")
    int timeout_seconds() default 120;

    @AttributeDefinition(name = "Base URL", description = "Override of the Gemini API endpoint, for an API "
            + "gateway or proxy that speaks the same protocol, or a test simulator. Empty: Google's endpoint "
            + "(https://generativelanguage.googleapis.com).")
    String base_url() default "";

    @AttributeDefinition(name = "Cost per image (USD)", description = "What one image costs you, charged to the "
            + "user in credits (1 credit = 0.001 USD); the same price applies to a generated and to an edited image "
            + "(image-to-image, variation). Default: Google's list price for one 1K/2K image of "
            + "gemini-3-pro-image-preview (a 4K image lists at 0.24; each input image adds about 0.001); configure "
            + "your contract price.", min = "0")
    double cost_usd() default 0.134;
}
