package io.karafimages.c2pa.internal.manifest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.karafimages.c2pa.CustomAssertion;
import io.karafimages.c2pa.Ingredient;
import io.karafimages.c2pa.ManifestDefinition;
import io.karafimages.c2pa.TrainingMining;
import io.karafimages.c2pa.internal.cbor.CborWriter;

/**
 * Encodes every assertion of a manifest except the hard binding, in store order: ingredients
 * (their hashes feed the actions), actions, training-and-mining, custom assertions.
 * Thread-safe.
 */
public final class AssertionsBuilder {

    private static final String INGREDIENT_LABEL = "c2pa.ingredient.v3";
    private static final String TRAINING_MINING_LABEL = "c2pa.training-mining";

    private final SecureRandom random;

    /** @param random source of assertion salts */
    public AssertionsBuilder(SecureRandom random) {
        this.random = random;
    }

    /**
     * @param definition the manifest definition
     * @param resolved   the prepared ingredients
     * @return the assertion boxes
     */
    public List<AssertionBox> build(ManifestDefinition definition, IngredientResolver.Resolved resolved) {
        List<AssertionBox> boxes = new ArrayList<>();
        // Ingredient keeps Object identity equality, which is what action references mean
        Map<Ingredient, HashedUri> ordered = new LinkedHashMap<>();
        int index = 0;
        for (PreparedIngredient p : resolved.ingredients()) {
            String label = index == 0 ? INGREDIENT_LABEL : INGREDIENT_LABEL + "__" + index;
            AssertionBox box = box(label, p.toCbor(), false);
            boxes.add(box);
            ordered.put(p.ingredient(), box.reference());
            index++;
        }
        if (!definition.actions().isEmpty() || resolved.parent() != null) {
            boxes.add(box(ActionsAssertion.LABEL, ActionsAssertion.content(definition.actions(), resolved.parent(), ordered), false));
        }
        definition.trainingMining().ifPresent(tm -> boxes.add(box(TRAINING_MINING_LABEL, trainingMining(tm), false)));
        for (CustomAssertion custom : definition.assertions()) {
            boxes.add(box(custom.label(), custom.data(), custom.isGathered()));
        }
        return boxes;
    }

    /** @return 16 fresh random bytes for a {@code c2sh} salt */
    public byte[] salt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    private AssertionBox box(String label, Object content, boolean gathered) {
        return AssertionBox.of(label, CborWriter.encode(content), gathered, salt());
    }

    private static Map<String, Object> trainingMining(TrainingMining tm) {
        Map<String, Object> entries = new LinkedHashMap<>();
        tm.entries().forEach((key, entry) -> {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("use", entry.use().value());
            entry.constraintInfoIfAny().ifPresent(info -> value.put("constraint_info", info));
            entries.put(key, value);
        });
        return Map.of("entries", entries);
    }
}
