package io.karafimages.provider.serpapi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.search.SearchMatch;
import io.karafimages.spi.search.SearchResults;
import okhttp3.HttpUrl;

/**
 * Reads SerpApi's JSON: the upload's {@code image_id}, a search's {@code search_metadata.status}, and its
 * {@code visual_matches} as {@link SearchMatch}es. What it passes on is shown to users and linked from the web app,
 * so it is checked here: links and thumbnails must be absolute http(s) URLs (a {@code javascript:} link is dropped
 * with its match), texts are single-line and bounded. A search with status {@code Success} and an {@code error}
 * ("Google Lens hasn't returned any results for this query.") found nothing: an empty result, not a failure.
 * Stateless.
 */
final class SerpApiAnswers {
    /** A search's state: {@code Success}, {@code Error}, or still {@code Processing}/{@code Queued}. */
    record Search(String id, String status, JsonObject root) {
        boolean pending() {
            return status.equals("Processing") || status.equals("Queued");
        }
    }

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final int MAX_TEXT = 300;
    private static final int MAX_URL = 2048;

    private SerpApiAnswers() {
    }

    /** The {@code image_id} of an upload's answer. */
    static String imageId(String body, String apiKey) {
        JsonObject root = object(body, "upload");
        String error = string(root, "error").orElse(null);
        if (error != null) { // a 200 with an error: SerpApi did not take the image
            throw new ImagesException(ErrorCodes.PROVIDER_REFUSED, 422, false, "SerpApi rejected the image"
                    + SerpApiFailures.quote(error, apiKey));
        }
        return string(root, "image_id").filter(id -> SAFE_ID.matcher(id).matches()).orElseThrow(
                () -> SerpApiFailures.badOutput("SerpApi's upload answer has no usable image_id."));
    }

    /** The status of a search answer (a first answer or one from the archive). */
    static Search search(String body) {
        JsonObject root = object(body, "search");
        JsonElement meta = root.get("search_metadata");
        Optional<String> status = meta != null && meta.isJsonObject() ? string(meta.getAsJsonObject(), "status")
                : Optional.empty();
        String id = status.flatMap(s -> string(meta.getAsJsonObject(), "id")).orElse("");
        Search search = new Search(id, status.orElseThrow(() -> SerpApiFailures.badOutput(
                "SerpApi's search answer has no search_metadata.status.")), root);
        if (search.pending() && !SAFE_ID.matcher(id).matches()) {
            throw SerpApiFailures.badOutput("SerpApi is still processing a search it gave no usable id.");
        }
        return search;
    }

    /**
     * The matches of a finished search, best first, at most {@code max}, ranked 1, 2, ... in SerpApi's order.
     *
     * @throws ImagesException {@code provider_unavailable} (retryable) for status {@code Error}
     */
    static SearchResults results(Search search, int max, String apiKey) {
        JsonObject root = search.root();
        if (search.status().equals("Error")) {
            throw SerpApiFailures.searchFailed(string(root, "error").orElse(""), apiKey);
        }
        if (!search.status().equals("Success")) {
            throw SerpApiFailures.badOutput("SerpApi answered a search with the unknown status '"
                    + single(search.status(), 40) + "'.");
        }
        JsonElement visual = root.get("visual_matches");
        if (visual != null && !visual.isJsonArray()) {
            throw SerpApiFailures.badOutput("SerpApi's visual_matches is not a list.");
        }
        List<SearchMatch> matches = new ArrayList<>();
        for (JsonElement e : visual == null ? new JsonArray() : visual.getAsJsonArray()) {
            if (matches.size() == max) {
                break;
            }
            if (e.isJsonObject()) {
                match(e.getAsJsonObject(), matches.size() + 1).ifPresent(matches::add);
            }
        }
        return SearchResults.of(SerpApiClient.ENGINE, matches);
    }

    /** One visual match, when it has a web link we may show. */
    private static Optional<SearchMatch> match(JsonObject o, int position) {
        Optional<String> link = url(o, "link");
        if (link.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> source = string(o, "source").map(s -> single(s, MAX_TEXT)).filter(s -> !s.isEmpty());
        String title = string(o, "title").map(s -> single(s, MAX_TEXT)).filter(s -> !s.isEmpty())
                .or(() -> source).orElse(HttpUrl.get(link.get()).host());
        return Optional.of(SearchMatch.of(position, title, link.get(), source.orElse(null),
                url(o, "thumbnail").orElse(null)));
    }

    /** An absolute http(s) URL, or empty (also for {@code javascript:}, {@code data:} and relative ones). */
    private static Optional<String> url(JsonObject o, String field) {
        return string(o, field).map(String::strip).filter(u -> u.length() <= MAX_URL)
                .map(HttpUrl::parse).map(HttpUrl::toString);
    }

    private static JsonObject object(String body, String what) {
        try {
            JsonElement root = JsonParser.parseString(body);
            if (root.isJsonObject()) {
                return root.getAsJsonObject();
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw SerpApiFailures.badOutput("SerpApi's " + what + " answer is not a JSON object.");
    }

    private static Optional<String> string(JsonObject o, String field) {
        JsonElement v = o.get(field);
        return v != null && v.isJsonPrimitive() ? Optional.of(v.getAsString()) : Optional.empty();
    }

    /** One line of printable text, at most {@code max} characters. */
    private static String single(String text, int max) {
        String t = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").replaceAll("\\s+", " ").strip();
        return t.length() > max ? t.substring(0, max).strip() + "..." : t;
    }
}
