package io.karafimages.c2pa;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.karafimages.c2pa.internal.SigningPipeline;
import io.karafimages.c2pa.internal.format.ContainerCodecs;

/**
 * Signs assets: embeds a new C2PA manifest store (one manifest plus the manifests carried over
 * from ingredients) bound to the asset bytes by a {@code c2pa.hash.data} hard binding.
 *
 * <p>Typical use, once per application:
 * <pre>{@code
 * C2paWriter writer = C2paWriter.builder(C2paSigner.of(privateKey, chain)).build();
 * byte[] signed = writer.sign(pngBytes, ManifestDefinition.builder(GeneratorInfo.of("My app", "1.2"))
 *         .title("image.png")
 *         .action(Action.created(Action.TRAINED_ALGORITHMIC_MEDIA)
 *                 .softwareAgent(GeneratorInfo.of("some-model", "3")).build())
 *         .trainingMining(TrainingMining.allConstrained())
 *         .build());
 * }</pre>
 *
 * <p>Write any other metadata (XMP, EXIF) before signing: a byte changed outside the store after
 * signing breaks the hard binding. Immutable and thread-safe; {@link #sign} may run concurrently.
 */
public final class C2paWriter {

    private final SigningPipeline pipeline;

    private C2paWriter(Builder b) {
        this.pipeline = new SigningPipeline(b.signer, List.copyOf(b.trustAnchors), b.clock);
    }

    /**
     * @param signer produces the claim signature
     * @return a builder
     */
    public static Builder builder(C2paSigner signer) {
        return new Builder(signer);
    }

    /**
     * Returns a copy of the asset with a new manifest store embedded (replacing any store it had).
     *
     * <p>Formats: PNG ({@code caBX} chunk after {@code IHDR}), WebP ({@code C2PA} chunk at the end
     * of the RIFF; simple VP8/VP8L files become extended VP8X files, other chunks kept), JPEG
     * (APP11 segments after the leading APP0/APP1 segments); SVG (Base64 in a {@code c2pa:manifest}
     * element, first in the root's first {@code metadata} element or in a new one, with the
     * {@code xmlns:c2pa} declaration added to the root). Pixel data and markup are never re-encoded.
     *
     * @param asset      the file content, not modified
     * @param definition what the manifest says
     * @return the signed file
     * @throws C2paException            when the format is unsupported, the file or an existing store
     *                                  is damaged, or signing fails
     * @throws IllegalArgumentException when the definition's format does not match the bytes, or
     *                                  the definition has a {@code parentOf} ingredient while the
     *                                  asset carries a store under {@link ExistingManifestPolicy#PARENT_INGREDIENT}
     */
    public byte[] sign(byte[] asset, ManifestDefinition definition) {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(definition, "definition");
        return pipeline.sign(asset, definition);
    }

    /**
     * Extracts the raw C2PA manifest store (the JUMBF {@code c2pa} superbox) embedded in an asset.
     *
     * @param asset a PNG, WebP, JPEG or SVG file, not {@code null}
     * @return the store bytes, or empty when the asset has none
     * @throws C2paException when the format is unsupported or the container is damaged
     */
    public static Optional<byte[]> readManifestStore(byte[] asset) {
        Objects.requireNonNull(asset, "asset");
        return ContainerCodecs.forAsset(asset).readStore(asset);
    }

    /** Builds a {@link C2paWriter}; not thread-safe. */
    public static final class Builder {
        private final C2paSigner signer;
        private final List<X509Certificate> trustAnchors = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder(C2paSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            if (signer.certificateChain() == null || signer.certificateChain().isEmpty()) {
                throw new IllegalArgumentException("signer has no certificate chain");
            }
        }

        /**
         * Root certificates used to judge the signers of ingredient manifests. Without any, every
         * ingredient signer is recorded as {@code signingCredential.untrusted} in the ingredient's
         * validation results (which does not affect the validity of the new manifest).
         *
         * @param anchors trusted root certificates
         * @return this builder
         */
        public Builder ingredientTrustAnchors(Collection<X509Certificate> anchors) {
            Objects.requireNonNull(anchors, "anchors").forEach(a -> trustAnchors.add(Objects.requireNonNull(a, "anchor")));
            return this;
        }

        /**
         * @param value the clock for certificate validity checks of ingredients (default system UTC)
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return the writer */
        public C2paWriter build() {
            return new C2paWriter(this);
        }
    }
}
