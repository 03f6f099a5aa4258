package io.karafimages.c2pa.internal.cose;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Objects;

import io.karafimages.c2pa.C2paSigner;
import io.karafimages.c2pa.SigningAlgorithm;

/** A {@link C2paSigner} over an in-memory EC key, with the JDK's providers. Thread-safe. */
public final class KeySigner implements C2paSigner {

    private static final byte[] PROBE = "c2pa key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final SigningAlgorithm algorithm;

    private KeySigner(PrivateKey key, List<X509Certificate> chain, SigningAlgorithm algorithm) {
        this.key = key;
        this.chain = chain;
        this.algorithm = algorithm;
    }

    /**
     * @param key   EC private key on P-256, P-384 or P-521
     * @param chain certificates, leaf first
     * @return the signer
     * @throws IllegalArgumentException when the key is unsupported or does not match the leaf
     */
    public static KeySigner create(PrivateKey key, List<X509Certificate> chain) {
        Objects.requireNonNull(key, "key");
        List<X509Certificate> certs = List.copyOf(Objects.requireNonNull(chain, "chain"));
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("certificate chain is empty");
        }
        if (!(key instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("only EC keys are supported, got " + key.getAlgorithm());
        }
        KeySigner signer = new KeySigner(key, certs, algorithmFor(ec));
        signer.checkMatchesLeaf();
        return signer;
    }

    private static SigningAlgorithm algorithmFor(ECPrivateKey key) {
        int bits = key.getParams().getCurve().getField().getFieldSize();
        switch (bits) {
            case 256:
                return SigningAlgorithm.ES256;
            case 384:
                return SigningAlgorithm.ES384;
            case 521:
                return SigningAlgorithm.ES512;
            default:
                throw new IllegalArgumentException("unsupported EC curve of " + bits + " bits");
        }
    }

    // A key that does not belong to the certificate yields manifests every validator rejects: fail at setup instead.
    private void checkMatchesLeaf() {
        try {
            Signature verifier = Signature.getInstance(algorithm.jcaName());
            verifier.initVerify(chain.get(0).getPublicKey());
            verifier.update(PROBE);
            if (!verifier.verify(sign(PROBE))) {
                throw new IllegalArgumentException("private key does not match the leaf certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key with the leaf certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    @Override
    public byte[] sign(byte[] toBeSigned) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(algorithm.jcaName());
        signature.initSign(key);
        signature.update(toBeSigned);
        return signature.sign();
    }
}
