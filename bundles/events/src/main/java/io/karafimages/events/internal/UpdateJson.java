package io.karafimages.events.internal;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.karafimages.spi.events.EventRecord;

/** The {@code embed_update} message of API.md, the same for the WebSocket and SSE. */
final class UpdateJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private UpdateJson() {
    }

    /** @param content the decrypted embed content of a completed update, or null */
    static String render(EventRecord e, Map<String, Object> content) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", "embed_update");
        n.put("embed_id", e.embedId());
        n.put("task_id", e.taskId());
        n.put("status", e.status().wireName());
        n.put("progress", e.progress());
        n.put("estimated_finish_at", e.estimatedFinishAt() == null ? null : e.estimatedFinishAt().toString());
        if (content != null) {
            n.set("content", MAPPER.valueToTree(content));
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("Cannot render an embed_update", x);
        }
    }

    /** The embed id of a client's {@code {"type":"ack","embed_id":...}}, or null for anything else. */
    static String ackedEmbed(String message) {
        try {
            var node = MAPPER.readTree(message);
            if (node != null && "ack".equals(node.path("type").asText()) && node.path("embed_id").isTextual()) {
                String id = node.get("embed_id").asText();
                return id.isEmpty() || id.length() > 64 ? null : id;
            }
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
