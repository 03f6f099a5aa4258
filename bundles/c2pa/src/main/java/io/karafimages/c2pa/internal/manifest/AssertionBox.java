package io.karafimages.c2pa.internal.manifest;

import java.util.List;

import io.karafimages.c2pa.internal.jumbf.JumbfNode;
import io.karafimages.c2pa.internal.jumbf.JumbfTypes;
import io.karafimages.c2pa.internal.jumbf.JumbfWriter;

/**
 * An encoded CBOR assertion superbox (with a C2PA salt in its description) and whether the claim
 * lists it as gathered rather than created.
 *
 * @param label    the assertion label
 * @param bytes    the encoded superbox
 * @param gathered listed in {@code gathered_assertions}
 */
public record AssertionBox(String label, byte[] bytes, boolean gathered) {

    /**
     * @param label    the assertion label
     * @param cbor     the encoded content
     * @param gathered listed in {@code gathered_assertions}
     * @param salt     16 random bytes (makes the hashed URI unguessable for redacted content)
     * @return the box
     */
    public static AssertionBox of(String label, byte[] cbor, boolean gathered, byte[] salt) {
        JumbfNode box = new JumbfNode.SuperBox(JumbfTypes.CBOR, label, salt, List.of(new JumbfNode.ContentBox("cbor", cbor)));
        return new AssertionBox(label, JumbfWriter.write(box), gathered);
    }

    /** @return the reference a claim or an action uses: manifest-relative URI and hash */
    public HashedUri reference() {
        return new HashedUri("self#jumbf=c2pa.assertions/" + label, HashedUri.hashOfBox(bytes));
    }
}
