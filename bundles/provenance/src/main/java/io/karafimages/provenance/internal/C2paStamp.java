package io.karafimages.provenance.internal;

import io.karafimages.spi.provenance.ProvenanceInfo;

/**
 * Signs a C2PA manifest into an image. Placeholder seam until the C2PA writer library is wired in: it returns
 * the bytes unchanged.
 */
final class C2paStamp {
    C2paStamp(SigningIdentity identity, String product, String version) {
    }

    byte[] sign(byte[] labelled, byte[] source, ProvenanceInfo info, String prompt) {
        return labelled;
    }
}
