package io.karafimages.c2pa.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.karafimages.c2pa.C2paSigner;

/** The shared test-only CA of c2pa-verify: signer key, chain and root (never production keys). */
public final class TestCa {

    private TestCa() {
    }

    /** @return the folder of the read-only reference verifier */
    public static Path verifierHome() {
        return Path.of(System.getProperty("c2pa.verify.home", "../../../shared/c2pa-verify")).toAbsolutePath().normalize();
    }

    /** @return the test CA folder */
    public static Path dir() {
        return verifierHome().resolve("testca");
    }

    /** @return the root certificate file, the trust anchor for the verifier */
    public static Path rootPem() {
        return dir().resolve("ca.pem");
    }

    /** @return the ES256 signer of the test CA */
    public static C2paSigner signer() {
        return C2paSigner.of(signerKey(), signerChain());
    }

    /** @return the signer's private key (PKCS#8 PEM) */
    public static PrivateKey signerKey() {
        try {
            String pem = Files.readString(dir().resolve("signer.key"));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return signer certificate then root */
    public static List<X509Certificate> signerChain() {
        return certificates(dir().resolve("signer-chain.pem"));
    }

    /** @return the root certificate */
    public static X509Certificate root() {
        return certificates(rootPem()).get(0);
    }

    private static List<X509Certificate> certificates(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            return certs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
