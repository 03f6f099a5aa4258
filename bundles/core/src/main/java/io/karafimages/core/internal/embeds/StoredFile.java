package io.karafimages.core.internal.embeds;

import java.util.LinkedHashMap;
import java.util.Map;

import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.pipeline.Rendition;

/** Where one encrypted rendition lives and what its plaintext is. */
public record StoredFile(String objectKey, FileInfo info, String sha256) {

    /** The entry of this file in the embed content. */
    public Map<String, Object> toContent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s3_key", objectKey);
        m.put("width", info.width());
        m.put("height", info.height());
        m.put("size_bytes", info.sizeBytes());
        m.put("format", info.format());
        m.put("sha256", sha256);
        return m;
    }

    public static StoredFile fromContent(Map<?, ?> m, RenditionFormat format) {
        String fileFormat = (String) m.get("format");
        FileInfo info = new FileInfo(((Number) m.get("width")).intValue(), ((Number) m.get("height")).intValue(),
                ((Number) m.get("size_bytes")).longValue(), fileFormat, Rendition.mediaType(fileFormat, format));
        return new StoredFile((String) m.get("s3_key"), info, (String) m.get("sha256"));
    }
}
