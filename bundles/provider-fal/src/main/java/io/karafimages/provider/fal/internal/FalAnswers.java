package io.karafimages.provider.fal.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import okhttp3.HttpUrl;

/**
 * Reads fal.ai's JSON answers. They come from the network, so any shape is possible: a field of the wrong type
 * or an answer that is no JSON object is {@code provider_bad_output}, never a Gson or parsing exception escaping
 * into the task. Stateless.
 */
final class FalAnswers {

    private FalAnswers() {
    }

    /** The body as a JSON object. */
    static JsonObject parse(byte[] body) {
        try {
            return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) { // malformed JSON, too deep (Gson's nesting limit), or not an object
            throw FalFailures.badOutput("fal.ai sent an answer that is not a JSON object.");
        }
    }

    /** The request handle of a submit answer. */
    static FalQueueClient.Submitted submitted(JsonObject answer) {
        try {
            return new FalQueueClient.Submitted(text(answer, "request_id"), url(answer, "status_url"),
                    url(answer, "response_url"), url(answer, "cancel_url"));
        } catch (IllegalArgumentException e) {
            throw FalFailures.badOutput("fal.ai accepted the request but sent no usable request handle.");
        }
    }

    /** A status answer; unknown or missing fields read as empty state, no queue position, no logs. */
    static FalQueueClient.Status status(JsonObject answer) {
        List<String> logs = new ArrayList<>();
        JsonElement entries = answer.get("logs");
        if (entries != null && entries.isJsonArray()) {
            for (JsonElement log : entries.getAsJsonArray()) {
                if (log.isJsonObject() && isText(log.getAsJsonObject().get("message"))) {
                    logs.add(log.getAsJsonObject().get("message").getAsString());
                }
            }
        }
        JsonElement position = answer.get("queue_position");
        int queuePosition = -1;
        if (position != null && position.isJsonPrimitive() && position.getAsJsonPrimitive().isNumber()) {
            double value = position.getAsDouble(); // a number of any size or form: out of range means unknown
            queuePosition = value >= 0 && value <= Integer.MAX_VALUE ? (int) value : -1;
        }
        JsonElement state = answer.get("status");
        return new FalQueueClient.Status(isText(state) ? state.getAsString() : "", queuePosition, logs);
    }

    /** Whether the result flags any image as NSFW. */
    static boolean flaggedNsfw(JsonObject result) {
        JsonElement nsfw = result.get("has_nsfw_concepts");
        if (nsfw != null && nsfw.isJsonArray()) {
            for (JsonElement flag : nsfw.getAsJsonArray()) {
                if (flag.isJsonPrimitive() && flag.getAsBoolean()) { // true or "true"; never throws on a primitive
                    return true;
                }
            }
        }
        return false;
    }

    /** The URL (or data URI) of the first image of a result. */
    static String imageLocation(JsonObject result) {
        JsonElement images = result.get("images");
        JsonArray list = images != null && images.isJsonArray() ? images.getAsJsonArray() : new JsonArray();
        if (list.isEmpty() || !list.get(0).isJsonObject() || !isText(list.get(0).getAsJsonObject().get("url"))) {
            throw FalFailures.badOutput("fal.ai finished without an image.");
        }
        return list.get(0).getAsJsonObject().get("url").getAsString();
    }

    /** The bytes of a {@code data:...;base64,...} URI. */
    static byte[] dataUri(String location) {
        int comma = location.indexOf(',');
        if (comma < 0 || !location.substring(0, comma).endsWith(";base64")) {
            throw FalFailures.badOutput("fal.ai sent an image data URI that is not base64.");
        }
        try {
            return Base64.getDecoder().decode(location.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            throw FalFailures.badOutput("fal.ai sent an image data URI that is not base64.");
        }
    }

    /** A string, number or boolean: {@code getAsString()} cannot throw on it. */
    private static boolean isText(JsonElement e) {
        return e != null && e.isJsonPrimitive();
    }

    private static String text(JsonObject answer, String field) {
        if (!isText(answer.get(field))) {
            throw new IllegalArgumentException(field);
        }
        return answer.get(field).getAsString();
    }

    private static HttpUrl url(JsonObject answer, String field) {
        HttpUrl url = HttpUrl.parse(text(answer, field));
        if (url == null) {
            throw new IllegalArgumentException(field);
        }
        return url;
    }
}
