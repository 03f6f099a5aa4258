package io.karafimages.c2pa.internal.jumbf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.C2paException;

/** JUMBF write/parse round trip, C2PA salt, box hashing and hostile lengths. */
class JumbfTest {

    @Test
    void writesAndParsesNestedSuperboxesWithSalt() throws Exception {
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 7);
        JumbfNode.SuperBox assertion = new JumbfNode.SuperBox(JumbfTypes.CBOR, "com.example.test", salt,
                List.of(new JumbfNode.ContentBox("cbor", new byte[] {(byte) 0xa0})));
        JumbfNode.SuperBox store = new JumbfNode.SuperBox(JumbfTypes.MANIFEST_STORE, "c2pa", null, List.of(assertion));

        byte[] bytes = JumbfWriter.write(store);

        assertEquals(store.size(), bytes.length);
        ParsedBox root = JumbfParser.parse(bytes).get(0);
        assertEquals("c2pa", root.label());
        assertArrayEquals(JumbfTypes.MANIFEST_STORE, root.uuid());
        ParsedBox child = root.child("com.example.test").orElseThrow();
        assertArrayEquals(new byte[] {(byte) 0xa0}, child.content("cbor").orElseThrow().payload());
        byte[] childBytes = child.bytes();
        assertEquals(0x13, childBytes[8 + 8 + 16] & 0xff, "requestable + label + private toggles");
        assertTrue(new String(childBytes, StandardCharsets.ISO_8859_1).contains("c2sh"));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(childBytes, 8, childBytes.length));
        assertArrayEquals(expected, child.contentHash("SHA-256"), "hash excludes the superbox header");
    }

    @Test
    void readsExtendedLengthBoxes() {
        ByteBuffer box = ByteBuffer.allocate(20);
        box.putInt(1).put("cbor".getBytes(StandardCharsets.US_ASCII)).putLong(20).putInt(0x01020304);
        ParsedBox parsed = JumbfParser.parse(box.array()).get(0);
        assertEquals(16, parsed.headerLength());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, parsed.payload());
    }

    @Test
    void rejectsLengthsOutsideTheParent() {
        byte[] bytes = JumbfWriter.write(new JumbfNode.ContentBox("cbor", new byte[4]));
        bytes[3] = 100;
        assertThrows(C2paException.class, () -> JumbfParser.parse(bytes));
        byte[] noDescription = JumbfWriter.write(new JumbfNode.ContentBox("jumb", new byte[0]));
        assertThrows(C2paException.class, () -> JumbfParser.parse(noDescription));
    }
}
