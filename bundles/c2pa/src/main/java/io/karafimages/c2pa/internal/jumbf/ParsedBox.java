package io.karafimages.c2pa.internal.jumbf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A box read from a buffer. Keeps its position in the buffer so that the exact bytes can be
 * hashed or copied. For {@code jumb} superboxes {@link #uuid()} and {@link #label()} come from the
 * description box and {@link #children()} are the boxes after it.
 *
 * @param buffer       the whole buffer (shared, not copied; never modified)
 * @param start        offset of the box header
 * @param headerLength 8, or 16 with an extended length
 * @param length       total length, header included
 * @param type         four-character box type
 * @param uuid         description type UUID of a superbox, else {@code null}
 * @param label        description label of a superbox, or {@code null}
 * @param children     boxes after the description of a superbox, else empty
 */
public record ParsedBox(byte[] buffer, int start, int headerLength, int length, String type,
                        byte[] uuid, String label, List<ParsedBox> children) {

    /** @return whether this is a {@code jumb} superbox */
    public boolean isSuperBox() {
        return uuid != null;
    }

    /** @return offset of the payload (after the header) */
    public int payloadStart() {
        return start + headerLength;
    }

    /** @return payload length */
    public int payloadLength() {
        return length - headerLength;
    }

    /** @return a copy of the whole box */
    public byte[] bytes() {
        return Arrays.copyOfRange(buffer, start, start + length);
    }

    /** @return a copy of the payload */
    public byte[] payload() {
        return Arrays.copyOfRange(buffer, payloadStart(), start + length);
    }

    /**
     * @param wanted a label
     * @return the child superbox with that label; empty when absent or ambiguous
     */
    public Optional<ParsedBox> child(String wanted) {
        List<ParsedBox> found = children.stream().filter(c -> wanted.equals(c.label())).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * @param typeUuid a description type UUID
     * @return the first child superbox of that type
     */
    public Optional<ParsedBox> childOfType(byte[] typeUuid) {
        return children.stream().filter(c -> JumbfTypes.same(typeUuid, c.uuid())).findFirst();
    }

    /**
     * @param boxType a four-character content box type, for example {@code cbor}
     * @return the first content box of that type
     */
    public Optional<ParsedBox> content(String boxType) {
        return children.stream().filter(c -> !c.isSuperBox() && boxType.equals(c.type())).findFirst();
    }

    /**
     * Hash as C2PA defines it for hashed URIs: over the superbox contents (description and content
     * boxes) without the superbox header.
     *
     * @param jcaAlgorithm for example {@code SHA-256}
     * @return the digest
     */
    public byte[] contentHash(String jcaAlgorithm) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaAlgorithm);
            md.update(buffer, payloadStart(), payloadLength());
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown hash " + jcaAlgorithm, e);
        }
    }
}
