package io.karafimages.provider.serpapi.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * Turns SerpApi's answers into the product's errors. SerpApi documents its statuses (401 invalid key, 403 account not
 * allowed, 404, 410, 429 over the hourly throughput or out of searches, 500/503) and puts a human-readable message
 * in the top-level {@code error} key. The sentences reach users, so they say what happened in plain words and never
 * carry the key; SerpApi's own message is quoted (short, one line, printable) only where it tells what to change.
 * An account problem (bad key, no searches left, wrong base URL) is {@code provider_unavailable} but not retryable:
 * an operator must act, and trying again would fail the same way. Stateless.
 */
final class SerpApiFailures {
    /** The call that failed, which decides who is at fault for a 400. */
    enum Phase { UPLOAD, SEARCH }

    private static final int MAX_QUOTE = 200;
    private static final Pattern NO_SEARCHES_LEFT = Pattern.compile(
            "run out of searches|searches for the month|upgrade your plan", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMAGE_ID = Pattern.compile("image_id", Pattern.CASE_INSENSITIVE);
    private static final String OPERATOR = "; an operator must fix images.provider.serpapi.";

    private SerpApiFailures() {
    }

    static ImagesException fromStatus(Phase phase, int code, String body, Optional<Duration> retryAfter,
            String apiKey) {
        String message = message(body);
        if (code == 429) {
            return NO_SEARCHES_LEFT.matcher(message).find()
                    ? unavailable("SerpApi has no searches left on this account; an operator must upgrade the plan "
                            + "or wait for its monthly renewal.", Optional.empty(), false)
                    : unavailable("SerpApi is rate limiting this server (HTTP 429).", retryAfter, true);
        }
        if (code >= 500 || code == 408) {
            return unavailable("SerpApi is temporarily unavailable (HTTP " + code + ")"
                    + (message.isEmpty() ? "." : quote(message, apiKey)), retryAfter, true);
        }
        if (code >= 300 && code < 400) {
            return unavailable("SerpApi answered with a redirect (HTTP " + code + "), which is not followed so the "
                    + "API key stays on the configured host" + OPERATOR, Optional.empty(), false);
        }
        if (code == 401) {
            return unavailable("SerpApi rejected this server's API key; an operator must fix .api.key in "
                    + "images.provider.serpapi.", Optional.empty(), false);
        }
        if (code == 403) {
            return unavailable("SerpApi refused this account (HTTP 403, for example a deleted account); an operator "
                    + "must act.", Optional.empty(), false);
        }
        if (code == 404 || code == 405 || code == 410) {
            return unavailable("SerpApi does not know the endpoint (HTTP " + code + "); an operator must check "
                    + "base.url in images.provider.serpapi.", Optional.empty(), false);
        }
        if (phase == Phase.SEARCH && IMAGE_ID.matcher(message).find()) {
            // the uploaded image is gone (SerpApi keeps it 10 minutes): a new attempt uploads it again
            return unavailable("SerpApi no longer knew the uploaded image" + quote(message, apiKey), Optional.empty(),
                    true);
        }
        return new ImagesException(ErrorCodes.PROVIDER_REFUSED, 422, false, (phase == Phase.UPLOAD
                ? "SerpApi rejected the image" : "SerpApi rejected the search") + quote(message, apiKey));
    }

    /** A search that SerpApi answered with status {@code Error}: its own failure, so worth another try. */
    static ImagesException searchFailed(String message, String apiKey) {
        return unavailable("SerpApi could not complete the search" + quote(message, apiKey), Optional.empty(), true);
    }

    static ImagesException fromIo(IOException e, Duration timeout) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof InterruptedIOException) { // OkHttp's call timeout and socket timeouts
                return timedOut(timeout, e);
            }
        }
        return new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, true, "SerpApi could not be reached.",
                null, e);
    }

    static ImagesException timedOut(Duration timeout, Throwable cause) {
        return new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, true,
                "SerpApi did not finish the search within " + timeout.toSeconds() + " seconds.", null, cause);
    }

    static ImagesException stopping() {
        return new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, true, "The SerpApi provider is stopping.");
    }

    static ImagesException badOutput(String sentence) {
        return new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, true, sentence);
    }

    /** The top-level {@code error} of a JSON body; empty when there is none or the body is not JSON. */
    static String message(String body) {
        try {
            JsonElement root = JsonParser.parseString(body);
            if (root.isJsonObject()) {
                JsonElement error = root.getAsJsonObject().get("error");
                if (error != null && error.isJsonPrimitive()) {
                    return error.getAsString();
                }
            }
        } catch (RuntimeException e) {
            // not JSON: nothing to quote
        }
        return "";
    }

    /** SerpApi's message as one short, printable sentence ending the product's own; never the key. */
    static String quote(String message, String apiKey) {
        String m = message == null ? "" : message;
        if (apiKey != null && !apiKey.isEmpty()) {
            m = m.replace(apiKey, "[key]");
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
