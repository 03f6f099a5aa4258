package io.karafimages.c2pa;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.karafimages.c2pa.internal.cbor.CborValues;

/**
 * An assertion with a caller-chosen label and a CBOR map as content, for example the generation
 * parameters under {@code com.example.generation}. Immutable and thread-safe; the data is copied
 * when the assertion is made.
 *
 * <p>Labels owned by the writer ({@code c2pa.actions*}, {@code c2pa.hash.*},
 * {@code c2pa.ingredient*}, {@code c2pa.training-mining}) are rejected: use the dedicated API.
 */
public final class CustomAssertion {

    private static final Set<String> RESERVED_PREFIXES =
            Set.of("c2pa.actions", "c2pa.hash.", "c2pa.ingredient", "c2pa.training-mining", "c2pa.signature", "c2pa.claim");

    private final String label;
    private final Map<String, Object> data;
    private final boolean gathered;

    private CustomAssertion(String label, Map<String, ?> data, boolean gathered) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
        if (!label.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+")) {
            throw new IllegalArgumentException("label must be entity-specific, like com.example.generation: " + label);
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (label.startsWith(prefix)) {
                throw new IllegalArgumentException("label " + label + " is written by the writer itself");
            }
        }
        this.label = label;
        this.data = CborValues.copyMap(data);
        this.gathered = gathered;
    }

    /**
     * An assertion the signer made itself (listed in the claim's {@code created_assertions}).
     *
     * @param label entity-specific label, for example {@code com.example.generation}
     * @param data  CBOR-able map: String keys; values String, Boolean, integral or floating Number,
     *              byte[], Instant, List or Map (nested), or {@code null}
     * @return the assertion
     */
    public static CustomAssertion of(String label, Map<String, ?> data) {
        return new CustomAssertion(label, data, false);
    }

    /**
     * An assertion taken from another party (listed in {@code gathered_assertions}: validators do not
     * attribute it to the signer).
     *
     * @param label entity-specific label
     * @param data  CBOR-able map, as for {@link #of(String, Map)}
     * @return the assertion
     */
    public static CustomAssertion gathered(String label, Map<String, ?> data) {
        return new CustomAssertion(label, data, true);
    }

    /** @return the label */
    public String label() {
        return label;
    }

    /** @return the content, unmodifiable (nested lists and maps too) */
    public Map<String, Object> data() {
        return data;
    }

    /** @return whether it goes to {@code gathered_assertions} instead of {@code created_assertions} */
    public boolean isGathered() {
        return gathered;
    }
}
