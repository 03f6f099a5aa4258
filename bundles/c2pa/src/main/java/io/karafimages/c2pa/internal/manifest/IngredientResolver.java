package io.karafimages.c2pa.internal.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.ExistingManifestPolicy;
import io.karafimages.c2pa.Ingredient;
import io.karafimages.c2pa.ManifestDefinition;
import io.karafimages.c2pa.internal.cbor.CborReader;
import io.karafimages.c2pa.internal.format.ContainerCodecs;
import io.karafimages.c2pa.internal.jumbf.JumbfTypes;
import io.karafimages.c2pa.internal.jumbf.ParsedBox;

/**
 * Turns the definition's ingredients, plus a store found in the asset, into
 * {@link PreparedIngredient}s, and collects the manifests to carry into the new store. Thread-safe.
 */
public final class IngredientResolver {

    /**
     * @param ingredients prepared ingredients in assertion order
     * @param parent      the {@code parentOf} ingredient, or {@code null}
     * @param carried     manifest boxes to copy into the new store, in order, without duplicates
     */
    public record Resolved(List<PreparedIngredient> ingredients, Ingredient parent, List<byte[]> carried) {
    }

    private final IngredientValidator validator;

    /** @param validator validates the ingredients' active manifests */
    public IngredientResolver(IngredientValidator validator) {
        this.validator = validator;
    }

    /**
     * @param definition    the manifest definition
     * @param asset         the asset being signed
     * @param format        its format
     * @param existingStore the store found in the asset, if any
     * @return the resolved ingredients
     */
    public Resolved resolve(ManifestDefinition definition, byte[] asset, AssetFormat format, Optional<byte[]> existingStore) {
        List<PreparedIngredient> prepared = new ArrayList<>();
        Ingredient parent = definition.ingredients().stream()
                .filter(i -> i.relationship() == Ingredient.Relationship.PARENT_OF).findFirst().orElse(null);
        if (existingStore.isPresent() && definition.existingManifestPolicy() == ExistingManifestPolicy.PARENT_INGREDIENT) {
            if (parent != null) {
                throw new IllegalArgumentException("the asset carries a C2PA store and the definition has a parentOf "
                        + "ingredient; use ExistingManifestPolicy.DISCARD or another relationship");
            }
            parent = Ingredient.builder(Ingredient.Relationship.PARENT_OF).format(format.mediaType()).build();
            prepared.add(prepare(parent, asset, existingStore));
        }
        for (Ingredient ingredient : definition.ingredients()) {
            byte[] bytes = ingredient.asset().orElse(null);
            Optional<byte[]> store = bytes == null || AssetFormat.detect(bytes).isEmpty()
                    ? Optional.empty() : ContainerCodecs.forAsset(bytes).readStore(bytes);
            prepared.add(prepare(ingredient, bytes, store));
        }
        return new Resolved(List.copyOf(prepared), parent, carried(prepared));
    }

    private PreparedIngredient prepare(Ingredient ingredient, byte[] bytes, Optional<byte[]> storeBytes) {
        String format = ingredient.format().orElse(
                bytes == null ? null : AssetFormat.detect(bytes).map(AssetFormat::mediaType).orElse(null));
        if (storeBytes.isEmpty()) {
            return new PreparedIngredient(ingredient, ingredient.title().orElse(null), format, null, null, null, null);
        }
        ParsedStore store = ParsedStore.parse(storeBytes.get());
        ParsedBox active = store.active();
        String base = "self#jumbf=/c2pa/" + active.label();
        ParsedBox signature = active.childOfType(JumbfTypes.SIGNATURE).orElseThrow(() -> new C2paException(
                C2paException.Reason.MALFORMED_MANIFEST_STORE, "ingredient manifest " + active.label() + " has no signature"));
        HashedUri manifestRef = new HashedUri(base, active.contentHash("SHA-256"));
        HashedUri signatureRef = new HashedUri(base + "/" + signature.label(), signature.contentHash("SHA-256"));
        ValidationLog log = validator.validate(store, active, bytes);
        String title = ingredient.title().orElseGet(() -> claimTitle(active).orElse(null));
        return new PreparedIngredient(ingredient, title, format, store, manifestRef, signatureRef, log);
    }

    private static Optional<String> claimTitle(ParsedBox manifest) {
        try {
            return manifest.childOfType(JumbfTypes.CLAIM).flatMap(c -> c.content("cbor"))
                    .map(c -> CborMaps.asMap(CborReader.decode(c.payload())))
                    .flatMap(claim -> CborMaps.text(claim, "dc:title"));
        } catch (C2paException e) {
            return Optional.empty(); // the validation results already record a malformed claim
        }
    }

    // C2PA 2.x, "Adding manifests to the manifest store": copy each manifest once; same label with other bytes is a conflict
    private static List<byte[]> carried(List<PreparedIngredient> prepared) {
        Map<String, byte[]> byLabel = new LinkedHashMap<>();
        for (PreparedIngredient p : prepared) {
            if (p.store() == null) {
                continue;
            }
            for (ParsedBox manifest : p.store().manifests()) {
                byte[] bytes = manifest.bytes();
                byte[] known = byLabel.putIfAbsent(manifest.label(), bytes);
                if (known != null && !Arrays.equals(known, bytes)) {
                    throw new C2paException(C2paException.Reason.INGREDIENT_CONFLICT,
                            "two ingredients carry different manifests labelled " + manifest.label());
                }
            }
        }
        return List.copyOf(byLabel.values());
    }
}
