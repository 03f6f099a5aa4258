package io.karafimages.events.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OriginCheckTest {
    @Test
    void byDefaultOnlyTheRuntimesOwnLoopbackOriginsOnItsPort() {
        OriginCheck c = new OriginCheck("");
        assertTrue(c.allowed("http://localhost:8181", 8181));
        assertTrue(c.allowed("http://127.0.0.1:8181/", 8181));
        assertFalse(c.allowed("http://localhost:8182", 8181), "another port is another origin");
        assertFalse(c.allowed("https://evil.example", 8181));
        assertFalse(c.allowed("http://localhost:8181.evil.example", 8181));
        assertFalse(c.allowed(null, 8181), "no Origin header: refused");
        assertFalse(c.allowed("null", 8181), "a sandboxed page's opaque origin");
    }

    @Test
    void configuredOriginsReplaceTheDefaults() {
        OriginCheck c = new OriginCheck(" https://images.example.com , https://admin.example.com:8443");
        assertTrue(c.allowed("https://images.example.com", 8181));
        assertTrue(c.allowed("https://IMAGES.example.com:443", 8181), "case and the default port do not matter");
        assertTrue(c.allowed("https://admin.example.com:8443", 8181));
        assertFalse(c.allowed("http://images.example.com", 8181), "the scheme matters");
        assertFalse(c.allowed("http://localhost:8181", 8181));
    }
}
