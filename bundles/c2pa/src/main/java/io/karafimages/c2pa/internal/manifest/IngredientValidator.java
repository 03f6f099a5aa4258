package io.karafimages.c2pa.internal.manifest;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.internal.cbor.CborReader;
import io.karafimages.c2pa.internal.cose.CoseSign1Verifier;
import io.karafimages.c2pa.internal.jumbf.JumbfTypes;
import io.karafimages.c2pa.internal.jumbf.ParsedBox;

/**
 * Validates the active manifest of an ingredient, as a claim generator must before recording it
 * ({@code validationResults}): claim signature, certificate validity and trust, hashed URIs of
 * the claim's assertions, and the {@code c2pa.hash.data} binding against the ingredient's bytes.
 * Not checked (no code recorded): time-stamps, OCSP, other hard bindings, assertion contents.
 * Thread-safe.
 */
public final class IngredientValidator {
    /** Real claims list tens of assertions; thousands mean a store built to burn CPU (security review M8). */
    static final int MAX_REFERENCES = 2_000;
    /** Hashing done for one validation, beyond the asset's own size four times over. */
    static final long BASE_HASH_BUDGET = 64L * 1024 * 1024;

    private final List<X509Certificate> trustAnchors;
    private final Clock clock;

    /**
     * @param trustAnchors roots to trust (empty: every signer is untrusted)
     * @param clock        time for certificate checks
     */
    public IngredientValidator(List<X509Certificate> trustAnchors, Clock clock) {
        this.trustAnchors = List.copyOf(trustAnchors);
        this.clock = clock;
    }

    /**
     * @param store    the ingredient's store
     * @param manifest the manifest to validate (normally the active one)
     * @param asset    the ingredient's bytes, for the data hash
     * @return the status codes
     */
    public ValidationLog validate(ParsedStore store, ParsedBox manifest, byte[] asset) {
        ValidationLog log = new ValidationLog();
        String base = "self#jumbf=/c2pa/" + manifest.label();
        Optional<byte[]> claimBytes = cborContent(manifest, JumbfTypes.CLAIM);
        Optional<byte[]> cose = cborContent(manifest, JumbfTypes.SIGNATURE);
        if (claimBytes.isEmpty()) {
            log.failure("claim.missing", base, "no claim in the manifest");
            return log;
        }
        if (cose.isEmpty()) {
            log.failure("claimSignature.missing", base + "/c2pa.signature", "no claim signature in the manifest");
            return log;
        }
        checkSignature(log, base + "/c2pa.signature", cose.get(), claimBytes.get());
        Map<?, ?> claim;
        try {
            claim = CborMaps.asMap(CborReader.decode(claimBytes.get()));
        } catch (C2paException e) {
            log.failure("claim.malformed", base + "/" + manifestClaimLabel(manifest), e.getMessage());
            return log;
        }
        String claimAlg = CborMaps.text(claim, "alg").orElse(HashedUri.ALG);
        List<?> refs = assertionRefs(claim);
        if (refs.size() > MAX_REFERENCES) {
            log.failure("claim.malformed", base + "/" + manifestClaimLabel(manifest), "the claim lists " + refs.size()
                    + " assertions, more than " + MAX_REFERENCES + ": not validated");
            return log;
        }
        Budget budget = new Budget(BASE_HASH_BUDGET + 4L * asset.length);
        Set<String> seen = new HashSet<>();
        for (Object ref : refs) {
            Map<?, ?> map = CborMaps.asMap(ref);
            // the same assertion listed again proves nothing new and would only be hashed again
            if (!seen.add(CborMaps.text(map, "url").orElse("") + "\u0000" + CborMaps.text(map, "alg").orElse(""))) {
                continue;
            }
            if (!checkReference(log, store, manifest, base, map, claimAlg, asset, budget)) {
                log.failure("claim.malformed", base + "/" + manifestClaimLabel(manifest), "validating the claim "
                        + "would hash more than " + budget.limit + " bytes: stopped");
                return log;
            }
        }
        return log;
    }

    /** Bytes still allowed to be hashed in one validation. Not thread-safe: one per call. */
    private static final class Budget {
        final long limit;
        private long left;

        Budget(long limit) {
            this.limit = limit;
            this.left = limit;
        }

        boolean spend(long bytes) {
            left -= bytes;
            return left >= 0;
        }
    }

    private void checkSignature(ValidationLog log, String url, byte[] cose, byte[] claim) {
        CoseSign1Verifier.Result result = CoseSign1Verifier.verify(cose, claim);
        if (!result.signatureValid()) {
            log.failure("claimSignature.mismatch", url, result.problem() != null ? result.problem() : "claim signature does not verify");
            return;
        }
        X509Certificate leaf = result.chain().get(0);
        if (!result.timestamped()) {
            try {
                leaf.checkValidity(Date.from(clock.instant()));
                log.success("claimSignature.insideValidity", url, "signing certificate valid now (no time-stamp)");
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                log.failure("claimSignature.outsideValidity", url, "signing certificate not valid now: " + e.getMessage());
            }
        }
        log.success("claimSignature.validated", url, "claim signature valid");
        if (isTrusted(result.chain(), result.timestamped())) {
            log.success("signingCredential.trusted", url, "signing certificate chains to a configured trust anchor");
        } else {
            log.failure("signingCredential.untrusted", url, "signing certificate untrusted");
        }
    }

    private boolean isTrusted(List<X509Certificate> chain, boolean timestamped) {
        if (trustAnchors.isEmpty()) {
            return false;
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(c -> c.getSubjectX500Principal().equals(c.getIssuerX500Principal()));
        if (path.isEmpty()) {
            return false;
        }
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            trustAnchors.forEach(a -> anchors.add(new TrustAnchor(a, null)));
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            // with a time-stamp (not validated here) the signing time is unknown: judge the chain while the leaf was valid
            params.setDate(timestamped ? chain.get(0).getNotBefore() : Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<?> assertionRefs(Map<?, ?> claim) {
        List<Object> refs = new ArrayList<>();
        for (String key : new String[] {"assertions", "created_assertions", "gathered_assertions"}) {
            if (claim.get(key) instanceof List<?> list) {
                refs.addAll(list);
            }
        }
        return refs;
    }

    /** @return false when the hash budget ran out (nothing logged for this reference then) */
    private static boolean checkReference(ValidationLog log, ParsedStore store, ParsedBox manifest, String base,
                                       Map<?, ?> ref, String claimAlg, byte[] asset, Budget budget) {
        String url = CborMaps.text(ref, "url").orElse("");
        String path = url.startsWith("self#jumbf=/") ? url : base + "/" + url.substring(Math.min(url.length(), "self#jumbf=".length()));
        Optional<ParsedBox> box = store.resolve(manifest, url);
        if (box.isEmpty()) {
            log.failure("assertion.missing", path, "assertion not found: " + url);
            return true;
        }
        Optional<String> jca = jcaName(CborMaps.text(ref, "alg").orElse(claimAlg));
        if (jca.isEmpty()) {
            log.failure("algorithm.unsupported", path, "unsupported hash algorithm");
            return true;
        }
        if (!budget.spend(box.get().payloadLength())) {
            return false;
        }
        byte[] expected = CborMaps.bytes(ref, "hash").orElse(new byte[0]);
        if (!MessageDigest.isEqual(expected, box.get().contentHash(jca.get()))) {
            log.failure("assertion.hashedURI.mismatch", path, "hash of " + url + " does not match");
            return true;
        }
        log.success("assertion.hashedURI.match", path, "hashed uri matched: " + url);
        if (DataHashAssertion.LABEL.equals(box.get().label())) {
            if (!budget.spend(asset.length)) {
                return false;
            }
            try {
                checkDataHash(log, path, box.get(), claimAlg, asset);
            } catch (C2paException e) {
                log.failure("assertion.dataHash.malformed", path, e.getMessage());
            }
        }
        return true;
    }

    private static void checkDataHash(ValidationLog log, String url, ParsedBox assertion, String claimAlg, byte[] asset) {
        Optional<ParsedBox> content = assertion.content("cbor");
        Map<?, ?> map = content.map(c -> CborMaps.asMap(CborReader.decode(c.payload()))).orElse(Map.of());
        List<long[]> exclusions = new ArrayList<>();
        if (map.get("exclusions") instanceof List<?> list) {
            for (Object item : list) {
                Map<?, ?> range = CborMaps.asMap(item);
                exclusions.add(new long[] {CborMaps.number(range, "start"), CborMaps.number(range, "length")});
            }
        }
        Optional<String> jca = jcaName(CborMaps.text(map, "alg").orElse(claimAlg));
        Optional<byte[]> expected = CborMaps.bytes(map, "hash");
        Optional<byte[]> actual = jca.flatMap(name -> DataHashAssertion.digest(asset, exclusions, digest(name)));
        if (expected.isPresent() && actual.isPresent() && Arrays.equals(expected.get(), actual.get())) {
            log.success("assertion.dataHash.match", url, "data hash valid");
        } else {
            log.failure("assertion.dataHash.mismatch", url, "data hash does not match the ingredient bytes");
        }
    }

    private static String manifestClaimLabel(ParsedBox manifest) {
        return manifest.childOfType(JumbfTypes.CLAIM).map(ParsedBox::label).orElse("c2pa.claim");
    }

    private static Optional<byte[]> cborContent(ParsedBox manifest, byte[] type) {
        return manifest.childOfType(type).flatMap(b -> b.content("cbor")).map(ParsedBox::payload);
    }

    private static Optional<String> jcaName(String alg) {
        switch (alg) {
            case "sha256":
                return Optional.of("SHA-256");
            case "sha384":
                return Optional.of("SHA-384");
            case "sha512":
                return Optional.of("SHA-512");
            default:
                return Optional.empty();
        }
    }

    private static MessageDigest digest(String jcaName) {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
