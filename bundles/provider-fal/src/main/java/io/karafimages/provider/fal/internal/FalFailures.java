package io.karafimages.provider.fal.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.karafimages.api.ImagesException;

/**
 * Turns fal.ai's answers into the product's errors. The sentences reach users, so they say what happened in plain
 * words and never carry the key; fal's own validation message is quoted only when the request was rejected, where
 * it tells the user what to change. fal validation errors are FastAPI-style
 * {@code {"detail":[{"loc","msg","type"}]}}; content refusals carry {@code type: content_policy_violation}.
 * Stateless.
 */
final class FalFailures {
    /** Which exchange failed: a 404 means a wrong model path on submit, a lost request later. */
    enum Step {
        SUBMIT, STATUS, RESULT, CANCEL, DOWNLOAD
    }

    private static final int MAX_QUOTE = 200;

    private FalFailures() {
    }

    static ImagesException fromStatus(int code, String body, Optional<Duration> retryAfter, Step step) {
        if (code == 429) {
            return unavailable("fal.ai is rate limiting this server (HTTP 429).", retryAfter, true);
        }
        if (code >= 500 || code == 408) {
            return unavailable("fal.ai is temporarily unavailable (HTTP " + code + ").", retryAfter, true);
        }
        if (step == Step.DOWNLOAD) {
            return unavailable("The image fal.ai made could not be downloaded (HTTP " + code + ").", retryAfter, true);
        }
        if (code == 401) {
            return unavailable("fal.ai rejected this server's API key; an operator must fix images.provider.fal.",
                    Optional.empty(), false);
        }
        if (code == 403) {
            return unavailable("fal.ai refused this account (for example an exhausted balance); an operator must act.",
                    Optional.empty(), false);
        }
        if (code == 404) {
            return step == Step.SUBMIT
                    ? unavailable("fal.ai does not know the configured model path; an operator must fix "
                            + "images.provider.fal.", Optional.empty(), false)
                    : unavailable("fal.ai lost track of the request (HTTP 404).", retryAfter, true);
        }
        if (code == 400 || code == 422) {
            return refused(body);
        }
        return unavailable("fal.ai answered with HTTP " + code + ".", retryAfter, true);
    }

    static ImagesException fromIo(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof DownloadPolicy.InternalAddressRefused) {
                return DownloadPolicy.refused("fal.ai sent an image link whose host resolves to an internal address.");
            }
            if (c instanceof InterruptedIOException) { // OkHttp's call timeout and socket timeouts
                return new ImagesException("provider_unavailable", 503, true, "fal.ai did not answer in time.", null, e);
            }
        }
        return new ImagesException("provider_unavailable", 503, true, "fal.ai could not be reached.", null, e);
    }

    static ImagesException timeout(Duration timeout) {
        return new ImagesException("provider_unavailable", 503, true,
                "fal.ai did not finish the image within " + timeout.toSeconds() + " seconds.");
    }

    static ImagesException badOutput(String sentence) {
        return new ImagesException("provider_bad_output", 502, true, sentence);
    }

    static ImagesException nsfw() {
        return new ImagesException("provider_refused", 422, false,
                "fal.ai's safety checker flagged the generated image, so it was not delivered.");
    }

    private static ImagesException refused(String body) {
        JsonObject first = firstDetail(body);
        String type = first == null || !first.has("type") ? "" : first.get("type").getAsString();
        String msg = first == null || !first.has("msg") ? "" : first.get("msg").getAsString();
        if (type.contains("content_policy") || msg.toLowerCase(Locale.ROOT).contains("content checker")) {
            return new ImagesException("provider_refused", 422, false,
                    "fal.ai refused the prompt under its content policy.");
        }
        return new ImagesException("provider_refused", 422, false, "fal.ai rejected the request" + quote(msg));
    }

    /** The first entry of {@code detail}, which fal sends as a list of errors or as one string. */
    private static JsonObject firstDetail(String body) {
        try {
            JsonElement detail = JsonParser.parseString(body).getAsJsonObject().get("detail");
            if (detail != null && detail.isJsonArray()) {
                JsonArray list = detail.getAsJsonArray();
                return list.isEmpty() || !list.get(0).isJsonObject() ? null : list.get(0).getAsJsonObject();
            }
            if (detail != null && detail.isJsonPrimitive()) {
                JsonObject one = new JsonObject();
                one.addProperty("msg", detail.getAsString());
                return one;
            }
        } catch (RuntimeException e) {
            // not JSON: no detail to quote
        }
        return null;
    }

    private static ImagesException unavailable(String sentence, Optional<Duration> retryAfter, boolean retryable) {
        return new ImagesException("provider_unavailable", 503, retryable, sentence, retryAfter.orElse(null), null);
    }

    private static String quote(String message) {
        String m = message.replaceAll("[\\r\\n\\t]+", " ").strip();
        if (m.isEmpty()) {
            return ".";
        }
        if (m.length() > MAX_QUOTE) {
            m = m.substring(0, MAX_QUOTE) + "...";
        }
        return ": " + m + (m.endsWith(".") ? "" : ".");
    }
}
