package io.karafimages.spi.skill;

import java.util.List;
import java.util.Map;

import io.karafimages.api.Cost;

/**
 * How a skill presents itself.
 *
 * @param inputSchema a JSON Schema (draft 2020-12) of the request body as a JSON object tree
 * @param async true when the work runs in the background (202); false for cheap synchronous skills
 * @param providers ids of the image providers this skill may call; empty when it calls none
 */
public record SkillDescriptor(String id, String title, String description, boolean async, Cost cost,
        Map<String, Object> inputSchema, List<String> providers) {
    public SkillDescriptor {
        inputSchema = Map.copyOf(inputSchema);
        providers = List.copyOf(providers);
    }
}
