package io.karafimages.webapp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class StaticAssetsTest {
    private final StaticAssets assets = new StaticAssets(Map.of(
            "index.html", StaticAssets.utf8("<!doctype html>"),
            "app/app.js", StaticAssets.utf8("export {}"),
            "app/app.css", StaticAssets.utf8("body{}"),
            "app/notes.txt", StaticAssets.utf8("not served")));

    @Test
    void rootAndIndexAreTheIndexPage() {
        assertEquals("index.html", assets.lookup("").orElseThrow().path());
        assertEquals("index.html", assets.lookup("/").orElseThrow().path());
        assertEquals("index.html", assets.lookup("/index.html").orElseThrow().path());
    }

    @Test
    void typesAreExplicit() {
        assertEquals("text/javascript; charset=utf-8", assets.lookup("/app/app.js").orElseThrow().contentType());
        assertEquals("text/css; charset=utf-8", assets.lookup("/app/app.css").orElseThrow().contentType());
        assertEquals("text/html; charset=utf-8", assets.lookup("/").orElseThrow().contentType());
        assertTrue(assets.lookup("/app/notes.txt").isEmpty(), "a file of unknown type is not served");
    }

    @Test
    void noClimbingOut() {
        assertTrue(assets.lookup("/app/../index.html").isEmpty());
        assertTrue(assets.lookup("/app//app.js").isEmpty());
        assertTrue(assets.lookup("/app/missing.js").isEmpty());
    }

    @Test
    void etagsAreStrongAndFollowTheBytes() {
        String js = assets.lookup("/app/app.js").orElseThrow().etag();
        String css = assets.lookup("/app/app.css").orElseThrow().etag();
        assertTrue(js.startsWith("\"") && js.endsWith("\""));
        assertNotEquals(js, css);
        StaticAssets.Asset a = assets.lookup("/app/app.js").orElseThrow();
        assertTrue(StaticAssets.notModified(js, a));
        assertTrue(StaticAssets.notModified("\"x\", " + js, a));
        assertFalse(StaticAssets.notModified(css, a));
        assertFalse(StaticAssets.notModified(null, a));
    }
}
