package io.karafimages.c2pa.internal.cose;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.C2paSigner;
import io.karafimages.c2pa.internal.cbor.CborTag;
import io.karafimages.c2pa.internal.cbor.CborWriter;

/**
 * Writes the C2PA claim signature: a tagged COSE_Sign1 (RFC 9052) with a detached payload (the
 * claim bytes), the algorithm and the {@code x5chain} (label 33) in the protected header, an empty
 * unprotected header and the raw signature. Stateless.
 */
public final class CoseSign1Writer {

    /** COSE tag of COSE_Sign1. */
    public static final long TAG_SIGN1 = 18;
    /** Header label of the algorithm. */
    public static final long HEADER_ALG = 1;
    /** Header label of the X.509 chain. */
    public static final long HEADER_X5CHAIN = 33;

    private CoseSign1Writer() {
    }

    /**
     * @param signer  the signer
     * @param payload the detached payload (the claim)
     * @return the encoded COSE_Sign1
     * @throws C2paException with {@code SIGNING_FAILED} when the signer fails or returns a wrong size
     */
    public static byte[] sign(C2paSigner signer, byte[] payload) {
        byte[] protectedHeader = protectedHeader(signer);
        byte[] signature;
        try {
            signature = signer.sign(sigStructure(protectedHeader, payload));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new C2paException(C2paException.Reason.SIGNING_FAILED, "signer failed: " + e.getMessage(), e);
        }
        int expected = signer.algorithm().signatureLength();
        if (signature == null || signature.length != expected) {
            throw new C2paException(C2paException.Reason.SIGNING_FAILED, "signer returned "
                    + (signature == null ? "null" : signature.length + " bytes") + ", expected raw " + expected + " bytes");
        }
        return encode(protectedHeader, signature);
    }

    /**
     * @param signer the signer
     * @return a COSE_Sign1 of exactly the size {@link #sign} will produce, with a zero signature;
     *         used to lay out the store before the claim can be signed
     */
    public static byte[] placeholder(C2paSigner signer) {
        return encode(protectedHeader(signer), new byte[signer.algorithm().signatureLength()]);
    }

    /**
     * @param protectedHeader the serialized protected header
     * @param payload         the detached payload
     * @return the COSE {@code Sig_structure} for a COSE_Sign1 without external data
     */
    public static byte[] sigStructure(byte[] protectedHeader, byte[] payload) {
        return CborWriter.encode(List.of("Signature1", protectedHeader, new byte[0], payload));
    }

    private static byte[] encode(byte[] protectedHeader, byte[] signature) {
        List<Object> sign1 = Arrays.asList(protectedHeader, Map.of(), null, signature);
        return CborWriter.encode(new CborTag(TAG_SIGN1, sign1));
    }

    private static byte[] protectedHeader(C2paSigner signer) {
        List<byte[]> ders = new ArrayList<>();
        try {
            for (X509Certificate cert : signer.certificateChain()) {
                ders.add(cert.getEncoded());
            }
        } catch (CertificateEncodingException e) {
            throw new C2paException(C2paException.Reason.SIGNING_FAILED, "cannot encode certificate", e);
        }
        Map<Object, Object> header = new LinkedHashMap<>();
        header.put(HEADER_ALG, (long) signer.algorithm().coseId());
        header.put(HEADER_X5CHAIN, ders.size() == 1 ? ders.get(0) : ders);
        return CborWriter.encode(header);
    }
}
