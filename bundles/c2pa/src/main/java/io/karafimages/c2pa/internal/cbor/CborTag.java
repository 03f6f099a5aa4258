package io.karafimages.c2pa.internal.cbor;

/**
 * A tagged CBOR data item (RFC 8949, 3.4), for example tag 18 around a COSE_Sign1 array.
 *
 * @param tag   the tag number
 * @param value the enclosed item
 */
public record CborTag(long tag, Object value) {
}
