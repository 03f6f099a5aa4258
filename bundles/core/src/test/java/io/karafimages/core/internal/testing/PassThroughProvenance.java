package io.karafimages.core.internal.testing;

import io.karafimages.api.RenditionFormat;
import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;

/** A bound provenance service that changes nothing: for tests about whether one is bound, not what it writes. */
public final class PassThroughProvenance implements ProvenanceHook {
    @Override
    public byte[] sanitize(byte[] encoded, String mediaType) {
        return encoded;
    }

    @Override
    public byte[] label(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
        return rendition;
    }
}
