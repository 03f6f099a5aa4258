package io.karafimages.c2pa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the new manifest says about an asset: claim generator, title, instance id, actions,
 * training-and-mining permissions, custom assertions and ingredients. Independent of the asset
 * bytes, so one definition can sign several renditions. Immutable and thread-safe.
 *
 * <p>The hard binding ({@code c2pa.hash.data}) is computed by the writer; it is not part of the
 * definition.
 */
public final class ManifestDefinition {

    private final GeneratorInfo claimGenerator;
    private final String title;
    private final String format;
    private final String instanceId;
    private final List<Action> actions;
    private final TrainingMining trainingMining;
    private final List<CustomAssertion> assertions;
    private final List<Ingredient> ingredients;
    private final ExistingManifestPolicy existingManifestPolicy;

    private ManifestDefinition(Builder b) {
        this.claimGenerator = b.claimGenerator;
        this.title = b.title;
        this.format = b.format;
        this.instanceId = b.instanceId;
        this.actions = List.copyOf(b.actions);
        this.trainingMining = b.trainingMining;
        this.assertions = List.copyOf(b.assertions);
        this.ingredients = List.copyOf(b.ingredients);
        this.existingManifestPolicy = b.existingManifestPolicy;
    }

    /**
     * @param claimGenerator the software writing the manifest (name and version)
     * @return a builder
     */
    public static Builder builder(GeneratorInfo claimGenerator) {
        return new Builder(claimGenerator);
    }

    /** @return the claim generator */
    public GeneratorInfo claimGenerator() {
        return claimGenerator;
    }

    /** @return the asset title ({@code dc:title}), if set */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** @return the declared media type, if set; the writer checks it against the asset bytes */
    public Optional<String> format() {
        return Optional.ofNullable(format);
    }

    /**
     * @return the instance id, if set; when empty the writer generates a fresh
     *         {@code xmp:iid:<uuid>} for every signed asset
     */
    public Optional<String> instanceId() {
        return Optional.ofNullable(instanceId);
    }

    /** @return the actions in order, unmodifiable */
    public List<Action> actions() {
        return actions;
    }

    /** @return the training-and-mining assertion, if set */
    public Optional<TrainingMining> trainingMining() {
        return Optional.ofNullable(trainingMining);
    }

    /** @return the custom assertions in order, unmodifiable */
    public List<CustomAssertion> assertions() {
        return assertions;
    }

    /** @return the explicitly given ingredients in order, unmodifiable */
    public List<Ingredient> ingredients() {
        return ingredients;
    }

    /** @return what happens to a store already embedded in the asset */
    public ExistingManifestPolicy existingManifestPolicy() {
        return existingManifestPolicy;
    }

    /** Builds a {@link ManifestDefinition}; not thread-safe. */
    public static final class Builder {
        private final GeneratorInfo claimGenerator;
        private String title;
        private String format;
        private String instanceId;
        private final List<Action> actions = new ArrayList<>();
        private TrainingMining trainingMining;
        private final List<CustomAssertion> assertions = new ArrayList<>();
        private final List<Ingredient> ingredients = new ArrayList<>();
        private ExistingManifestPolicy existingManifestPolicy = ExistingManifestPolicy.PARENT_INGREDIENT;

        private Builder(GeneratorInfo claimGenerator) {
            this.claimGenerator = Objects.requireNonNull(claimGenerator, "claimGenerator");
        }

        /**
         * @param value the asset title, for example its file name; not blank
         * @return this builder
         */
        public Builder title(String value) {
            this.title = requireText(value, "title");
            return this;
        }

        /**
         * @param mediaType the asset's media type; signing fails when the bytes are another format
         * @return this builder
         */
        public Builder format(String mediaType) {
            this.format = requireText(mediaType, "format");
            return this;
        }

        /**
         * @param value a unique id of this version of the asset; only set it when the definition signs
         *              one asset (default: a fresh {@code xmp:iid:<random uuid>} per signed asset)
         * @return this builder
         */
        public Builder instanceId(String value) {
            this.instanceId = requireText(value, "instanceId");
            return this;
        }

        /**
         * @param action the next action; {@code c2pa.created} and {@code c2pa.opened} only as the first
         * @return this builder
         */
        public Builder action(Action action) {
            actions.add(Objects.requireNonNull(action, "action"));
            return this;
        }

        /**
         * @param value the training-and-mining permissions
         * @return this builder
         */
        public Builder trainingMining(TrainingMining value) {
            this.trainingMining = Objects.requireNonNull(value, "trainingMining");
            return this;
        }

        /**
         * @param assertion a custom assertion; labels must be unique
         * @return this builder
         */
        public Builder assertion(CustomAssertion assertion) {
            assertions.add(Objects.requireNonNull(assertion, "assertion"));
            return this;
        }

        /**
         * @param ingredient an ingredient; at most one {@code parentOf} (also counting a store found in the asset)
         * @return this builder
         */
        public Builder ingredient(Ingredient ingredient) {
            ingredients.add(Objects.requireNonNull(ingredient, "ingredient"));
            return this;
        }

        /**
         * @param policy what to do with a store already in the asset (default {@link ExistingManifestPolicy#PARENT_INGREDIENT})
         * @return this builder
         */
        public Builder existingManifestPolicy(ExistingManifestPolicy policy) {
            this.existingManifestPolicy = Objects.requireNonNull(policy, "existingManifestPolicy");
            return this;
        }

        /**
         * @return the definition
         * @throws IllegalStateException when the rules of C2PA cannot be met: no action and no
         *         ingredient, {@code c2pa.created}/{@code c2pa.opened} not first or twice, duplicate
         *         labels, two {@code parentOf} ingredients, or an action referencing an ingredient
         *         not added to this builder
         */
        public ManifestDefinition build() {
            if (actions.isEmpty() && ingredients.stream().noneMatch(i -> i.relationship() == Ingredient.Relationship.PARENT_OF)) {
                throw new IllegalStateException("a manifest needs at least one action (for example Action.created(...))");
            }
            for (int i = 0; i < actions.size(); i++) {
                String name = actions.get(i).action();
                if (i > 0 && (Action.CREATED.equals(name) || Action.OPENED.equals(name))) {
                    throw new IllegalStateException(name + " must be the first action");
                }
                for (Ingredient ref : actions.get(i).ingredients()) {
                    if (ingredients.stream().noneMatch(x -> x == ref)) {
                        throw new IllegalStateException("action " + name + " references an ingredient not added to the manifest");
                    }
                }
            }
            if (ingredients.stream().filter(i -> i.relationship() == Ingredient.Relationship.PARENT_OF).count() > 1) {
                throw new IllegalStateException("at most one parentOf ingredient");
            }
            Set<String> labels = new HashSet<>();
            for (CustomAssertion a : assertions) {
                if (!labels.add(a.label())) {
                    throw new IllegalStateException("duplicate assertion label " + a.label());
                }
            }
            return new ManifestDefinition(this);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
