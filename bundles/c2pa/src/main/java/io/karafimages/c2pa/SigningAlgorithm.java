package io.karafimages.c2pa;

/**
 * COSE signature algorithms a {@link C2paSigner} can use. Each has a fixed raw signature size,
 * which the writer needs before signing to lay out the file.
 */
public enum SigningAlgorithm {
    /** ECDSA P-256 with SHA-256; raw r||s, 64 bytes. */
    ES256(-7, "SHA256withECDSAinP1363Format", 64),
    /** ECDSA P-384 with SHA-384; raw r||s, 96 bytes. */
    ES384(-35, "SHA384withECDSAinP1363Format", 96),
    /** ECDSA P-521 with SHA-512; raw r||s, 132 bytes. */
    ES512(-36, "SHA512withECDSAinP1363Format", 132);

    private final int coseId;
    private final String jcaName;
    private final int signatureLength;

    SigningAlgorithm(int coseId, String jcaName, int signatureLength) {
        this.coseId = coseId;
        this.jcaName = jcaName;
        this.signatureLength = signatureLength;
    }

    /** @return the COSE algorithm identifier (RFC 9053), for example -7 for ES256 */
    public int coseId() {
        return coseId;
    }

    /** @return the JCA {@link java.security.Signature} name producing raw (IEEE P1363) signatures */
    public String jcaName() {
        return jcaName;
    }

    /** @return the exact length in bytes of a raw signature */
    public int signatureLength() {
        return signatureLength;
    }
}
