package io.karafimages.api;

import java.util.List;
import java.util.Map;

/** What the skills listing shows about one skill. */
public record SkillInfo(String id, String title, String description, boolean async, Cost cost,
        Map<String, Object> inputSchema, List<String> providers) {
    public SkillInfo {
        inputSchema = Map.copyOf(inputSchema);
        providers = List.copyOf(providers);
    }
}
