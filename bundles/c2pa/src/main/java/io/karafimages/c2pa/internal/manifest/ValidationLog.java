package io.karafimages.c2pa.internal.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation status codes collected while checking an ingredient, in the shape of the C2PA
 * {@code status-codes-map}. Not thread-safe; one per validation.
 */
public final class ValidationLog {

    /**
     * One status entry.
     *
     * @param code        a C2PA status code
     * @param url         JUMBF URI of the element it is about
     * @param explanation human-readable detail
     */
    public record Status(String code, String url, String explanation) {
        Map<String, Object> toCbor() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("code", code);
            map.put("url", url);
            map.put("explanation", explanation);
            return map;
        }
    }

    private final List<Status> success = new ArrayList<>();
    private final List<Status> informational = new ArrayList<>();
    private final List<Status> failure = new ArrayList<>();

    void success(String code, String url, String explanation) {
        success.add(new Status(code, url, explanation));
    }

    void informational(String code, String url, String explanation) {
        informational.add(new Status(code, url, explanation));
    }

    void failure(String code, String url, String explanation) {
        failure.add(new Status(code, url, explanation));
    }

    /** @return the failures recorded so far, unmodifiable */
    public List<Status> failures() {
        return List.copyOf(failure);
    }

    /** @return the success codes recorded so far, unmodifiable */
    public List<Status> successes() {
        return List.copyOf(success);
    }

    /** @return the {@code status-codes-map} */
    public Map<String, Object> toCbor() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("success", success.stream().map(Status::toCbor).toList());
        map.put("informational", informational.stream().map(Status::toCbor).toList());
        map.put("failure", failure.stream().map(Status::toCbor).toList());
        return map;
    }
}
