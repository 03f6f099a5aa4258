package io.karafimages.c2pa.internal.jumbf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.internal.manifest.ParsedStore;

/**
 * Fuzzes the JUMBF reader, and the manifest store reader on top of it, with any bytes: they parse or
 * fail with {@code MALFORMED_MANIFEST_STORE}; every box they return lies inside its parent.
 */
class JumbfParserFuzzTest {

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 500_000)
    void parsesStores(byte[] store) {
        try {
            List<ParsedBox> top = JumbfParser.parse(store);
            int end = 0;
            for (ParsedBox box : top) {
                assertEquals(end, box.start(), "top-level boxes are not contiguous");
                walk(box, 0, store.length);
                end = box.start() + box.length();
            }
            assertEquals(store.length, end, "top-level boxes do not cover the buffer");
            ParsedStore parsed = ParsedStore.parse(store);
            assertTrue(parsed.manifests().contains(parsed.active()), "active manifest not in the store");
        } catch (C2paException e) {
            assertEquals(C2paException.Reason.MALFORMED_MANIFEST_STORE, e.reason(), e::getMessage);
        }
    }

    private static void walk(ParsedBox box, int from, int to) {
        assertTrue(box.start() >= from && box.length() >= box.headerLength() && box.start() + box.length() <= to,
                "box '" + box.type() + "' at " + box.start() + " leaves its parent");
        assertEquals(box.payloadLength(), box.payload().length);
        assertEquals(32, box.contentHash("SHA-256").length);
        if (box.isSuperBox()) {
            box.child("c2pa.assertions");
            box.content("cbor");
        }
        for (ParsedBox child : box.children()) {
            walk(child, box.payloadStart(), box.start() + box.length());
        }
    }
}
