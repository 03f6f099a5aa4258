package io.karafimages.c2pa;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import io.karafimages.c2pa.internal.cose.KeySigner;

/**
 * Produces the claim signature. Implement it to sign with a key that never leaves an HSM or a
 * key service; use {@link #of(PrivateKey, List)} for a key in memory.
 *
 * <p>Implementations must be thread-safe: one writer may sign several assets at once.
 *
 * <p>The signing certificate must satisfy the C2PA certificate profile (validators reject it
 * otherwise): not self-signed, key usage {@code digitalSignature}, an extended key usage such as
 * {@code emailProtection}, {@code documentSigning} or {@code 1.3.6.1.5.5.7.3.36}, and an authority
 * key identifier.
 */
@ConsumerType
public interface C2paSigner {

    /** @return the algorithm of {@link #sign(byte[])}, constant for the life of the signer */
    SigningAlgorithm algorithm();

    /**
     * @return the certificate chain, signing (leaf) certificate first, then intermediates; the
     *         trust anchor may be left out. Not empty, constant for the life of the signer.
     */
    List<X509Certificate> certificateChain();

    /**
     * Signs the COSE {@code Sig_structure}.
     *
     * @param toBeSigned the bytes to sign, not {@code null}
     * @return the raw signature (for ECDSA: r||s, not DER), exactly
     *         {@code algorithm().signatureLength()} bytes
     * @throws GeneralSecurityException when the key cannot sign
     */
    byte[] sign(byte[] toBeSigned) throws GeneralSecurityException;

    /**
     * A signer for an EC private key held in memory, using the JDK's crypto providers. The curve
     * picks the algorithm: P-256 gives ES256, P-384 ES384, P-521 ES512.
     *
     * @param key   the EC private key of the leaf certificate
     * @param chain the certificate chain, leaf first, not empty
     * @return a thread-safe signer
     * @throws IllegalArgumentException when the key is not EC on a supported curve, or does not
     *                                  match the leaf certificate
     */
    static C2paSigner of(PrivateKey key, List<X509Certificate> chain) {
        return KeySigner.create(key, chain);
    }
}
