package io.karafimages.provider.recraft.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Turns Recraft's answers into the product's errors. The sentences reach users, so they say what happened in plain
 * words and never carry the token; Recraft's own message is quoted (shortened, one line, printable characters only)
 * when it rejected the request, where it tells the user what to change. Recraft documents only that a non-2xx body
 * is JSON explaining the error; its fields are read tolerantly ({@code message}, {@code error}, {@code detail},
 * {@code code}). Stateless.
 */
final class RecraftFailures {
    private static final int MAX_QUOTE = 200;
    private static final Pattern REFUSAL = Pattern.compile(
            "nsfw|moderat|content[ _-]?polic|inappropriate|unsafe|prohibited|safety", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_UNITS = Pattern.compile(
            "not[ _]enough[ _](credits|units)|insufficient|balance", Pattern.CASE_INSENSITIVE);
    private static final String OPERATOR = "; an operator must fix images.provider.recraft.";

    private RecraftFailures() {
    }

    static ImagesException fromStatus(int code, String body, Optional<Duration> retryAfter, String apiKey) {
        if (code == 429) {
            return unavailable("Recraft is rate limiting this server (HTTP 429).", retryAfter, true);
        }
        if (code >= 500 || code == 408) {
            return unavailable("Recraft is temporarily unavailable (HTTP " + code + ").", retryAfter, true);
        }
        if (code >= 300 && code < 400) {
            return unavailable("Recraft answered with a redirect (HTTP " + code + "), which is not followed so the "
                    + "API token stays on the configured host; an operator must check base.url in "
                    + "images.provider.recraft.", Optional.empty(), false);
        }
        if (code == 401) {
            return unavailable("Recraft rejected this server's API token" + OPERATOR, Optional.empty(), false);
        }
        if (code == 402) {
            return noUnits();
        }
        if (code == 403) {
            return unavailable("Recraft refused this account (for example a blocked token); an operator must act.",
                    Optional.empty(), false);
        }
        if (code == 404 || code == 405) {
            return unavailable("Recraft does not know the endpoint (HTTP " + code + "); an operator must check "
                    + "base.url in images.provider.recraft.", Optional.empty(), false);
        }
        String message = message(body);
        if (REFUSAL.matcher(message).find()) {
            return new ImagesException(ErrorCodes.PROVIDER_REFUSED, 422, false,
                    "Recraft declined the image or prompt under its content policy.");
        }
        if (NO_UNITS.matcher(message).find()) {
            return noUnits();
        }
        return new ImagesException(ErrorCodes.PROVIDER_REFUSED, 422, false,
                "Recraft rejected the request" + quote(message, apiKey));
    }

    static ImagesException fromIo(IOException e, Duration timeout) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedIOException) { // OkHttp's call timeout and socket timeouts
                return new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, true,
                        "Recraft did not answer within " + timeout.toSeconds() + " seconds.", null, e);
            }
        }
        return new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, true, "Recraft could not be reached.",
                null, e);
    }

    static ImagesException stopping() {
        return new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, true, "The Recraft provider is stopping.");
    }

    static ImagesException badOutput(String sentence) {
        return new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, true, sentence);
    }

    private static ImagesException noUnits() {
        return unavailable("Recraft has no API units left on this account; an operator must top it up.",
                Optional.empty(), false);
    }

    /** The most explanatory text of an error body: its message, else its code; empty when there is none. */
    static String message(String body) {
        try {
            JsonElement root = JsonParser.parseString(body);
            if (!root.isJsonObject()) {
                return "";
            }
            JsonObject o = root.getAsJsonObject();
            if (o.has("error") && o.get("error").isJsonObject()) {
                o = o.getAsJsonObject("error");
            }
            for (String field : new String[] {"message", "error", "detail", "code"}) {
                JsonElement v = o.get(field);
                if (v != null && v.isJsonPrimitive() && !v.getAsString().isBlank()) {
                    String text = v.getAsString();
                    JsonElement code = o.get("code");
                    boolean withCode = !"code".equals(field) && code != null && code.isJsonPrimitive();
                    // the code often carries the meaning ("nsfw_content") when the message is generic
                    return withCode ? text + " (" + code.getAsString() + ")" : text;
                }
            }
        } catch (RuntimeException e) {
            // not JSON: nothing to quote
        }
        return "";
    }

    /** Recraft's message as one short, printable sentence ending the product's own; never the token. */
    static String quote(String message, String apiKey) {
        String m = message;
        if (apiKey != null && !apiKey.isEmpty()) {
            m = m.replace(apiKey, "[token]");
        }
        m = m.replaceAll("\\p{Cntrl}+", " ").replaceAll("[^\\p{L}\\p{N}\\p{P}\\p{Zs}<>=+^`|~$]", "")
                .replaceAll("\\s+", " ").strip();
        if (m.isEmpty()) {
            return ".";
        }
        if (m.length() > MAX_QUOTE) {
            m = m.substring(0, MAX_QUOTE).strip() + "...";
        }
        return ": " + m + (m.endsWith(".") ? "" : ".");
    }

    private static ImagesException unavailable(String sentence, Optional<Duration> retryAfter, boolean retryable) {
        return new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, retryable, sentence,
                retryAfter.orElse(null), null);
    }
}
