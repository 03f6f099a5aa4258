package io.karafimages.c2pa.internal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paSigner;
import io.karafimages.c2pa.ExistingManifestPolicy;
import io.karafimages.c2pa.ManifestDefinition;
import io.karafimages.c2pa.internal.format.ContainerCodec;
import io.karafimages.c2pa.internal.format.ContainerCodecs;
import io.karafimages.c2pa.internal.manifest.AssertionBox;
import io.karafimages.c2pa.internal.manifest.AssertionsBuilder;
import io.karafimages.c2pa.internal.manifest.DataHashAssertion;
import io.karafimages.c2pa.internal.manifest.HashedUri;
import io.karafimages.c2pa.internal.manifest.IngredientResolver;
import io.karafimages.c2pa.internal.manifest.IngredientValidator;
import io.karafimages.c2pa.internal.manifest.ManifestAssembler;

/**
 * Signs one asset in two passes: lay out the store with a placeholder hard binding and a zero
 * signature to learn its size and the exclusion range, then hash the asset with the store in
 * place, fill in the binding, sign the claim and embed the final store of the same size.
 * Thread-safe; holds no per-call state.
 */
public final class SigningPipeline {

    private final C2paSigner signer;
    private final IngredientResolver ingredients;
    private final AssertionsBuilder assertions;

    /**
     * @param signer       signs claims
     * @param trustAnchors roots for judging ingredient signers
     * @param clock        time for ingredient certificate checks
     */
    public SigningPipeline(C2paSigner signer, List<X509Certificate> trustAnchors, Clock clock) {
        this.signer = signer;
        this.ingredients = new IngredientResolver(new IngredientValidator(trustAnchors, clock));
        this.assertions = new AssertionsBuilder(new SecureRandom());
    }

    /**
     * @param asset      the file
     * @param definition what the manifest says
     * @return the signed file
     */
    public byte[] sign(byte[] asset, ManifestDefinition definition) {
        ContainerCodec codec = ContainerCodecs.forAsset(asset);
        checkDeclaredFormat(definition, codec.format());
        // a store about to be discarded is not read: it may be damaged (say, an SVG element that is not Base64)
        Optional<byte[]> existing = definition.existingManifestPolicy() == ExistingManifestPolicy.DISCARD
                ? Optional.empty() : codec.readStore(asset);
        ContainerCodec.Prepared prepared = codec.prepare(asset);
        IngredientResolver.Resolved resolved = ingredients.resolve(definition, asset, codec.format(), existing);
        List<AssertionBox> boxes = assertions.build(definition, resolved);
        ManifestAssembler assembler = new ManifestAssembler(signer, manifestLabel(), resolved.carried(),
                definition.claimGenerator(), definition.title().orElse(null),
                definition.instanceId().orElseGet(() -> "xmp:iid:" + UUID.randomUUID()));

        byte[] salt = assertions.salt();
        byte[] draftBinding = DataHashAssertion.placeholder();
        int storeLength = assembler.assemble(with(boxes, binding(draftBinding, salt)), false).length;
        ContainerCodec.Exclusion exclusion = prepared.exclusion(storeLength);
        byte[] draft = prepared.embed(new byte[storeLength]);
        byte[] hash = DataHashAssertion.digest(draft, List.of(new long[] {exclusion.start(), exclusion.length()}), HashedUri.sha256())
                .orElseThrow(() -> new IllegalStateException("exclusion outside the asset"));
        byte[] binding = DataHashAssertion.encode(exclusion.start(), exclusion.length(), hash);
        byte[] store = assembler.assemble(with(boxes, binding(binding, salt)), true);
        if (store.length != storeLength) {
            throw new IllegalStateException("store size changed between passes: " + storeLength + " -> " + store.length);
        }
        return prepared.embed(store);
    }

    private static AssertionBox binding(byte[] cbor, byte[] salt) {
        return AssertionBox.of(DataHashAssertion.LABEL, cbor, false, salt);
    }

    private static List<AssertionBox> with(List<AssertionBox> boxes, AssertionBox last) {
        List<AssertionBox> all = new ArrayList<>(boxes);
        all.add(last);
        return all;
    }

    private static void checkDeclaredFormat(ManifestDefinition definition, AssetFormat actual) {
        definition.format().ifPresent(declared -> {
            if (AssetFormat.fromMediaType(declared).orElse(null) != actual) {
                throw new IllegalArgumentException("definition declares " + declared + " but the asset is " + actual.mediaType());
            }
        });
    }

    // a random (v4) UUID cannot realistically collide with a carried manifest's label
    private static String manifestLabel() {
        return "urn:c2pa:" + UUID.randomUUID();
    }
}
