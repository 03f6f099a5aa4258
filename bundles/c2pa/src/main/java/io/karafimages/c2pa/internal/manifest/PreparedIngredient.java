package io.karafimages.c2pa.internal.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.karafimages.c2pa.Ingredient;

/**
 * An ingredient ready to be written: its definition, the resolved title and format and, when it
 * carried a manifest store, that store with references to its active manifest and the validation
 * results.
 *
 * @param ingredient     the definition (object identity is used by action references)
 * @param title          resolved title, or {@code null}
 * @param format         resolved media type, or {@code null}
 * @param store          the ingredient's store, or {@code null}
 * @param activeManifest reference to the active manifest, or {@code null} without store
 * @param claimSignature reference to its claim signature, or {@code null} without store
 * @param validation     validation results, or {@code null} without store
 */
public record PreparedIngredient(Ingredient ingredient, String title, String format, ParsedStore store,
                                 HashedUri activeManifest, HashedUri claimSignature, ValidationLog validation) {

    /** @return the store, if the ingredient had one */
    public Optional<ParsedStore> storeIfAny() {
        return Optional.ofNullable(store);
    }

    /** @return the {@code c2pa.ingredient.v3} assertion content */
    public Map<String, Object> toCbor() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (title != null) {
            map.put("dc:title", title);
        }
        if (format != null) {
            map.put("dc:format", format);
        }
        map.put("relationship", ingredient.relationship().value());
        ingredient.instanceId().ifPresent(id -> map.put("instanceID", id));
        if (store != null) {
            map.put("activeManifest", activeManifest.toCbor(true));
            map.put("claimSignature", claimSignature.toCbor(true));
            map.put("validationResults", Map.of("activeManifest", validation.toCbor()));
        }
        return map;
    }
}
