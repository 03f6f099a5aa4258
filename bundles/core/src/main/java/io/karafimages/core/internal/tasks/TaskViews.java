package io.karafimages.core.internal.tasks;

import java.util.EnumMap;
import java.util.Map;

import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;
import io.karafimages.api.Task;
import io.karafimages.api.TaskError;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.json.Json;
import io.karafimages.core.internal.store.TaskRecord;

/** Turns task rows into the API's view and back for the result part. */
final class TaskViews {
    private TaskViews() {
    }

    static Task view(TaskRecord r) {
        Map<RenditionFormat, FileInfo> files = new EnumMap<>(RenditionFormat.class);
        if (r.status() == TaskStatus.COMPLETED && r.resultJson() != null) {
            Json.readMap(r.resultJson()).forEach((name, value) -> RenditionFormat.parse(name).ifPresent(f -> {
                Map<?, ?> m = (Map<?, ?>) value;
                files.put(f, new FileInfo(((Number) m.get("width")).intValue(), ((Number) m.get("height")).intValue(),
                        ((Number) m.get("size_bytes")).longValue(), (String) m.get("format"), (String) m.get("mime")));
            }));
        }
        TaskError error = r.status() == TaskStatus.FAILED
                ? new TaskError(r.errorCode(), r.errorMessage(), r.errorRetryable())
                : null;
        return new Task(r.id(), r.skill(), r.ownerId(), r.embedId(), r.status(), r.progress(),
                r.status().isTerminal() ? null : r.estimatedFinishAt(), r.createdAt(), r.updatedAt(), files, error);
    }

    static String resultJson(Map<RenditionFormat, FileInfo> files) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        files.forEach((f, i) -> m.put(f.wireName(), Map.of("width", i.width(), "height", i.height(), "size_bytes",
                i.sizeBytes(), "format", i.format(), "mime", i.mime())));
        return Json.writeString(m);
    }
}
