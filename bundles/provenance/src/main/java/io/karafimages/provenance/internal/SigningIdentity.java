package io.karafimages.provenance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.SigningCertificates;

/**
 * The key and certificate chain this instance signs C2PA manifests with: an operator's (PKCS#12, or PEM chain
 * and key) or, by default, the instance's own, created at first start: an instance CA and a signing certificate
 * issued by it, kept in a PKCS#12 keystore (mode 600) whose random password is in a file beside it (mode 600).
 */
@Component(service = { SigningIdentity.class, SigningCertificates.class },
        configurationPid = "images.provenance.signing")
@Designate(ocd = SigningIdentity.Config.class)
public final class SigningIdentity implements SigningCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(SigningIdentity.class);
    private static final String KEYSTORE = "instance.p12";

    @ObjectClassDefinition(name = "Karaf Images: C2PA signing identity",
            description = "Which certificate signs the C2PA manifests. Empty: the instance's own, created at first "
                    + "start (serve its CA from GET /v1/provenance/certificate as the trust anchor).")
    public @interface Config {
        @AttributeDefinition(name = "PKCS#12 file", required = false,
                description = "An operator's keystore with the signing key and its chain.")
        String pkcs12() default "";

        @AttributeDefinition(name = "PKCS#12 password", type = AttributeType.PASSWORD, required = false,
                description = "Key '.pkcs12.password' (kept out of the service properties). Use $[secret:...] or $[env:...].")
        String _pkcs12_password() default "";

        @AttributeDefinition(name = "Certificate chain (PEM)", required = false,
                description = "An operator's PEM chain, signing certificate first. Needs 'Private key (PEM)'.")
        String certificate_chain() default "";

        @AttributeDefinition(name = "Private key (PEM)", required = false,
                description = "The unencrypted PEM key (PKCS#8 or EC) of the chain's first certificate.")
        String private_key() default "";

        @AttributeDefinition(name = "Directory", required = false,
                description = "Where the instance's own CA and signer are kept. Empty: ${karaf.data}/images/provenance.")
        String directory() default "";

        @AttributeDefinition(name = "Instance name", description = "Names the instance CA and signer certificates.")
        String instance_name() default "Karaf Images";
    }

    private final PrivateKey key;
    private final List<X509Certificate> chain;

    @Activate
    public SigningIdentity(Config config) {
        try {
            if (!config.pkcs12().isBlank()) {
                KeyStore ks = load(Path.of(config.pkcs12()), config._pkcs12_password().toCharArray());
                String alias = ks.aliases().nextElement();
                key = (PrivateKey) ks.getKey(alias, config._pkcs12_password().toCharArray());
                chain = certificates(ks.getCertificateChain(alias));
            } else if (!config.certificate_chain().isBlank()) {
                chain = Pem.readCertificates(Files.newBufferedReader(Path.of(config.certificate_chain())));
                key = Pem.readPrivateKey(Files.newBufferedReader(Path.of(config.private_key())));
            } else {
                Path dir = config.directory().isBlank()
                        ? Path.of(System.getProperty("karaf.data", "data"), "images", "provenance")
                        : Path.of(config.directory());
                KeyStore ks = instanceKeystore(dir, config.instance_name());
                key = (PrivateKey) ks.getKey("signer", password(dir));
                chain = certificates(ks.getCertificateChain("signer"));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the C2PA signing identity: " + e.getMessage(), e);
        }
        LOG.info("C2PA manifests are signed by '{}'", chain.get(0).getSubjectX500Principal().getName());
    }

    public PrivateKey privateKey() {
        return key;
    }

    /** Signing certificate first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    @Override
    public String pemChain() {
        return Pem.chain(chain);
    }

    private static KeyStore instanceKeystore(Path dir, String name) throws IOException, GeneralSecurityException {
        Path file = dir.resolve(KEYSTORE);
        if (Files.exists(file)) {
            return load(file, password(dir));
        }
        Files.createDirectories(dir);
        char[] password = Base64.getEncoder().encodeToString(random(24)).toCharArray();
        writePrivate(dir.resolve("instance.pass"), new String(password).getBytes(StandardCharsets.US_ASCII));
        InstanceCertificates.Issued issued = InstanceCertificates.issue(name, Duration.ofDays(3650),
                Duration.ofDays(825));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("signer", issued.signerKeys().getPrivate(), password,
                issued.chain().toArray(new Certificate[0]));
        ks.setKeyEntry("ca", issued.caKeys().getPrivate(), password, new Certificate[] { issued.ca() });
        Path tmp = Files.createTempFile(dir, ".p12-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        Files.move(tmp, file);
        Files.writeString(dir.resolve("ca.pem"), Pem.chain(List.of(issued.ca())));
        LOG.info("Created this instance's C2PA CA and signing certificate in {}", dir.toAbsolutePath());
        return ks;
    }

    private static char[] password(Path dir) throws IOException {
        return Files.readString(dir.resolve("instance.pass"), StandardCharsets.US_ASCII).trim().toCharArray();
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
    }

    private static List<X509Certificate> certificates(Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            throw new UncheckedIOException(new IOException("The keystore entry has no certificate chain"));
        }
        return Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
