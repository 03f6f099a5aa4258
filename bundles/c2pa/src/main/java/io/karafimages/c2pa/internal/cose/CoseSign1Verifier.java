package io.karafimages.c2pa.internal.cose;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.internal.cbor.CborReader;
import io.karafimages.c2pa.internal.cbor.CborTag;

/**
 * Checks a C2PA claim signature (COSE_Sign1 with detached payload) made by another claim
 * generator. Supports ES256/384/512, PS256/384/512 and EdDSA (Ed25519). Time-stamps are detected
 * but not validated. Stateless.
 */
public final class CoseSign1Verifier {

    /**
     * @param signatureValid whether the signature verifies with the leaf certificate
     * @param chain          the certificates from {@code x5chain}, leaf first (empty when absent)
     * @param timestamped    whether a time-stamp ({@code sigTst}/{@code sigTst2}) is present
     * @param problem        why the signature could not be checked, or {@code null}
     */
    public record Result(boolean signatureValid, List<X509Certificate> chain, boolean timestamped, String problem) {
    }

    private CoseSign1Verifier() {
    }

    /**
     * @param cose    the encoded COSE_Sign1
     * @param payload the detached payload (the claim bytes)
     * @return the outcome; never throws for bad signatures, only reports them
     */
    public static Result verify(byte[] cose, byte[] payload) {
        try {
            Object decoded = CborReader.decode(cose);
            if (decoded instanceof CborTag tag && tag.tag() == CoseSign1Writer.TAG_SIGN1) {
                decoded = tag.value();
            }
            if (!(decoded instanceof List<?> parts) || parts.size() != 4
                    || !(parts.get(0) instanceof byte[] protectedBytes) || !(parts.get(3) instanceof byte[] signature)) {
                return new Result(false, List.of(), false, "not a COSE_Sign1 structure");
            }
            Map<?, ?> prot = protectedBytes.length == 0 ? Map.of() : asMap(CborReader.decode(protectedBytes));
            Map<?, ?> unprot = parts.get(1) instanceof Map<?, ?> m ? m : Map.of();
            List<X509Certificate> chain = chain(prot, unprot);
            boolean timestamped = hasAny(prot, unprot, "sigTst", "sigTst2");
            if (chain.isEmpty()) {
                return new Result(false, chain, timestamped, "no x5chain in the signature");
            }
            Object alg = prot.get(CoseSign1Writer.HEADER_ALG);
            if (!(alg instanceof Long id)) {
                return new Result(false, chain, timestamped, "no algorithm in the protected header");
            }
            Signature verifier = verifierFor(id);
            verifier.initVerify(chain.get(0).getPublicKey());
            verifier.update(CoseSign1Writer.sigStructure(protectedBytes, payload));
            return new Result(verifier.verify(signature), chain, timestamped, null);
        } catch (GeneralSecurityException | C2paException | IllegalArgumentException e) {
            return new Result(false, List.of(), false, "signature not verifiable: " + e.getMessage());
        }
    }

    private static Signature verifierFor(long coseId) throws GeneralSecurityException {
        switch ((int) coseId) {
            case -7:
                return Signature.getInstance("SHA256withECDSAinP1363Format");
            case -35:
                return Signature.getInstance("SHA384withECDSAinP1363Format");
            case -36:
                return Signature.getInstance("SHA512withECDSAinP1363Format");
            case -37:
                return pss("SHA-256", 32);
            case -38:
                return pss("SHA-384", 48);
            case -39:
                return pss("SHA-512", 64);
            case -8:
                return Signature.getInstance("Ed25519");
            default:
                throw new GeneralSecurityException("unsupported COSE algorithm " + coseId);
        }
    }

    private static Signature pss(String digest, int saltLength) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1));
        return s;
    }

    private static List<X509Certificate> chain(Map<?, ?> prot, Map<?, ?> unprot) throws GeneralSecurityException {
        Object x5 = prot.get(CoseSign1Writer.HEADER_X5CHAIN);
        if (x5 == null) {
            x5 = unprot.get(CoseSign1Writer.HEADER_X5CHAIN);
        }
        if (x5 == null) {
            x5 = unprot.get("x5chain");
        }
        List<Object> ders = new ArrayList<>();
        if (x5 instanceof byte[]) {
            ders.add(x5);
        } else if (x5 instanceof List<?> list) {
            ders.addAll(list);
        }
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> chain = new ArrayList<>();
        for (Object der : ders) {
            if (!(der instanceof byte[] bytes)) {
                throw new GeneralSecurityException("x5chain entry is not a byte string");
            }
            chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
        }
        return List.copyOf(chain);
    }

    private static boolean hasAny(Map<?, ?> a, Map<?, ?> b, String... keys) {
        for (String key : keys) {
            if (a.containsKey(key) || b.containsKey(key)) {
                return true;
            }
        }
        return false;
    }

    private static Map<?, ?> asMap(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("protected header is not a map");
    }
}
