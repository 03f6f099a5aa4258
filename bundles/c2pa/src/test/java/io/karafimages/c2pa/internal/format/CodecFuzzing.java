package io.karafimages.c2pa.internal.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;

import io.karafimages.c2pa.C2paException;

/**
 * What every container fuzz target checks: a codec given any bytes either works or fails with a
 * {@link C2paException} of reason {@code MALFORMED_ASSET}; when it works, embedding a store and
 * reading it back gives the same store inside the announced exclusion.
 */
final class CodecFuzzing {

    /**
     * The smallest bytes the JPEG codec recognises as a C2PA store: a {@code jumb} superbox whose
     * description box starts with the {@code c2pa} type UUID. The codecs do not parse the store.
     */
    private static final byte[] STORE = {0, 0, 0, 41, 'j', 'u', 'm', 'b', 0, 0, 0, 33, 'j', 'u', 'm', 'd',
        'c', '2', 'p', 'a', 0x00, 0x11, 0x00, 0x10, (byte) 0x80, 0x00, 0x00, (byte) 0xaa, 0x00, 0x38,
        (byte) 0x9b, 0x71, 0x03, 'c', '2', 'p', 'a', 0, 1, 2, 3};
    private static final HexFormat HEX = HexFormat.of();

    private CodecFuzzing() {
    }

    static void exercise(ContainerCodec codec, byte[] asset) {
        byte[] original = asset.clone();
        try {
            codec.readStore(asset);
            ContainerCodec.Prepared prepared = codec.prepare(asset);
            ContainerCodec.Exclusion exclusion = prepared.exclusion(STORE.length);
            byte[] signed = prepared.embed(STORE);
            assertTrue(exclusion.start() >= 0 && exclusion.start() + exclusion.length() <= signed.length,
                    "exclusion " + exclusion + " outside a file of " + signed.length + " bytes");
            assertArrayEquals(signed, prepared.embed(STORE), "embedding is not repeatable");
            assertEquals(Optional.of(HEX.formatHex(STORE)), codec.readStore(signed).map(HEX::formatHex),
                    "store not read back");
            // a second signing of a signed file replaces the store instead of adding one
            assertEquals(signed.length, codec.prepare(signed).embed(STORE).length, "re-signing grew the file");
        } catch (C2paException e) {
            assertEquals(C2paException.Reason.MALFORMED_ASSET, e.reason(), e::getMessage);
        }
        assertArrayEquals(original, asset, "the codec modified its input");
    }
}
