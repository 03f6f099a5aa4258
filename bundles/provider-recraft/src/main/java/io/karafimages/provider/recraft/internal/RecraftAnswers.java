package io.karafimages.provider.recraft.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Reads Recraft's successful answers down to what the adapter needs: the base64 image of a generate-like
 * ({@code {data:[{b64_json}]}}) or process-like ({@code {image:{b64_json}}}) answer, or the id of a new style
 * ({@code {id, ...}}). Anything else is {@code provider_bad_output}. Stateless.
 */
final class RecraftAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(RecraftAnswers.class);
    /** Recraft's style ids are UUIDs; this leaves room for another id scheme, but not for text or markup. */
    private static final Pattern STYLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    private RecraftAnswers() {
    }

    /**
     * The image bytes of an answer (not yet checked to be an image).
     *
     * @param what the call, for the log, e.g. {@code INPAINT}
     */
    static byte[] image(byte[] body, boolean processLike, String what) {
        JsonObject root = root(body);
        JsonObject image = processLike ? object(root.get("image")).orElse(null)
                : Optional.ofNullable(root.get("data")).filter(JsonElement::isJsonArray)
                        .map(JsonElement::getAsJsonArray).filter(a -> !a.isEmpty())
                        .flatMap(a -> object(a.get(0))).orElse(null);
        JsonElement b64 = image == null ? null : image.get("b64_json");
        if (b64 == null || !b64.isJsonPrimitive()) {
            throw RecraftFailures.badOutput("Recraft finished without an image.");
        }
        LOG.debug("Recraft {} answered, {} units charged", what, units(root));
        try {
            return Base64.getMimeDecoder().decode(b64.getAsString());
        } catch (IllegalArgumentException e) {
            throw RecraftFailures.badOutput("Recraft sent image data that is not base64.");
        }
    }

    /** The id of the style a create-style call made. */
    static String styleId(byte[] body) {
        JsonObject root = root(body);
        JsonElement id = root.get("id");
        if (id == null || !id.isJsonPrimitive() || !id.getAsJsonPrimitive().isString()
                || !STYLE_ID.matcher(id.getAsString()).matches()) {
            throw RecraftFailures.badOutput("Recraft answered the new style without a usable style id.");
        }
        LOG.debug("Recraft created a style, {} units charged", units(root));
        return id.getAsString();
    }

    private static JsonObject root(byte[] body) {
        try {
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw RecraftFailures.badOutput("Recraft sent an answer that is not a JSON object.");
        }
    }

    private static Object units(JsonObject root) {
        return root.has("credits") ? root.get("credits") : "?";
    }

    private static Optional<JsonObject> object(JsonElement e) {
        return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
    }
}
