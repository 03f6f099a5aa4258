package io.karafimages.webapp.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The web app's files, read once from the bundle and kept in memory (they are small: the whole UI is a few
 * dozen KB), each with its media type and a strong ETag (a digest of its bytes). Pure logic, no servlet API,
 * so it is unit tested without a container.
 */
final class StaticAssets {
    /** The only files the app has; anything else is 404 (no directory listing, no guessing). */
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    record Asset(String path, byte[] bytes, String contentType, String etag) { }

    private final Map<String, Asset> assets = new TreeMap<>();

    /** @param files path below the app root ("index.html", "app/app.js") to its bytes */
    StaticAssets(Map<String, byte[]> files) {
        files.forEach((path, bytes) -> {
            String type = typeOf(path);
            if (type != null) {
                assets.put(path, new Asset(path, bytes, type, etag(bytes)));
            }
        });
    }

    /**
     * The asset a request path names: "" and "/" are the index page; "/app/x.js" is the file app/x.js. Paths that
     * try to climb out ("..") or name unknown files answer nothing.
     */
    Optional<Asset> lookup(String requestPath) {
        String p = requestPath == null || requestPath.isEmpty() || requestPath.equals("/") ? "index.html"
                : requestPath.substring(1);
        if (p.contains("..") || p.contains("//") || p.contains("\\")) {
            return Optional.empty();
        }
        return Optional.ofNullable(assets.get(p));
    }

    int size() {
        return assets.size();
    }

    /** True when the client's If-None-Match already names this version. */
    static boolean notModified(String ifNoneMatch, Asset asset) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(asset.etag())) {
                return true;
            }
        }
        return false;
    }

    static String typeOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : TYPES.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
