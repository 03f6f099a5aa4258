package io.karafimages.provider.google.internal;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;

import io.karafimages.api.ImagesException;

/**
 * Turns what the google-genai SDK throws into the product's errors. The sentences end up in front of users, so
 * they say what happened in plain words and never carry a key or a stack trace; Google's own message is only
 * quoted for a rejected request, where it tells the user what to change. Stateless.
 */
final class GeminiFailures {
    private static final int MAX_QUOTE = 200;

    private GeminiFailures() {
    }

    /** A failure of one {@code generateContent} call; {@code retryAfter} comes from the call tracker. */
    static ImagesException map(Throwable failure, Optional<Duration> retryAfter, Duration timeout) {
        Throwable t = unwrap(failure);
        if (t instanceof ImagesException e) {
            return e;
        }
        if (t instanceof ApiException api) {
            return fromStatus(api, retryAfter);
        }
        if (t instanceof GenAiIOException io) {
            if (isUnreadable(io)) { // the SDK wraps a body it cannot deserialize in its I/O exception too
                return badOutput(io);
            }
            if (isTimeout(io)) {
                return timeout(timeout, io);
            }
            return unavailable("Gemini could not be reached.", Optional.empty(), io);
        }
        return badOutput(t);
    }

    /** The SDK could not read what came back (e.g. not JSON): a proxy or an incident, worth one more try. */
    private static ImagesException badOutput(Throwable t) {
        return new ImagesException("provider_bad_output", 502, true, "Gemini sent an answer that could not be read.",
                null, t);
    }

    static ImagesException timeout(Duration timeout, Throwable cause) {
        return unavailable("Gemini did not answer within " + timeout.toSeconds() + " seconds.", Optional.empty(), cause);
    }

    private static ImagesException fromStatus(ApiException api, Optional<Duration> retryAfter) {
        int code = api.code();
        String message = api.message() == null ? "" : api.message();
        if (code == 429) {
            return unavailable("Gemini is rate limiting this server (HTTP 429).", retryAfter, api);
        }
        if (code >= 500 || code == 408) {
            return unavailable("Gemini is temporarily unavailable (HTTP " + code + ").", retryAfter, api);
        }
        if (code == 401 || code == 403 || message.toLowerCase(Locale.ROOT).contains("api key")) {
            return new ImagesException("provider_unavailable", 503, false,
                    "Gemini rejected this server's API key; an operator must fix images.provider.google.", null, api);
        }
        if (code == 404) {
            return new ImagesException("provider_unavailable", 503, false,
                    "Gemini does not offer the configured model; an operator must fix images.provider.google.", null, api);
        }
        if (code >= 400 && code < 500) {
            return new ImagesException("provider_refused", 422, false,
                    "Gemini rejected the request" + quote(message), null, api);
        }
        return unavailable("Gemini answered with HTTP " + code + ".", retryAfter, api);
    }

    private static ImagesException unavailable(String sentence, Optional<Duration> retryAfter, Throwable cause) {
        return new ImagesException("provider_unavailable", 503, true, sentence, retryAfter.orElse(null), cause);
    }

    private static boolean isUnreadable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            // OkHttp's call timeout is an InterruptedIOException("timeout"); a read timeout its SocketTimeoutException
            if (c instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
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
