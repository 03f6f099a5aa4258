package io.karafimages.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The certificates this instance signs C2PA manifests with, published so that anyone can verify our images
 * with the instance CA as trust anchor. Present only while the provenance bundle is installed.
 */
@ProviderType
public interface SigningCertificates {
    /** The PEM chain: the signing certificate first, then its issuers up to the CA (the trust anchor) last. */
    String pemChain();
}
