package io.karafimages.c2pa.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.karafimages.c2pa.Action;
import io.karafimages.c2pa.CustomAssertion;
import io.karafimages.c2pa.GeneratorInfo;
import io.karafimages.c2pa.ManifestDefinition;
import io.karafimages.c2pa.TrainingMining;

/** The manifest the product writes for a generated image. */
public final class Definitions {

    /** Claim generator of the tests. */
    public static final GeneratorInfo GENERATOR = GeneratorInfo.of("Karaf Images", "0.1.0");
    /** The model as software agent. */
    public static final GeneratorInfo MODEL = GeneratorInfo.of("example-diffusion", "1.5");
    /** Label of the custom assertion. */
    public static final String GENERATION_LABEL = "io.karafimages.generation";
    /** The prompt stored in the custom assertion. */
    public static final String PROMPT = "a red fox in the snow";
    /** Instant of the created action. */
    public static final Instant WHEN = Instant.parse("2025-01-01T00:00:00Z");

    private Definitions() {
    }

    /**
     * @param title the asset title
     * @return created by a model, training and mining constrained, generation parameters
     */
    public static ManifestDefinition generated(String title) {
        return builder(title).build();
    }

    /**
     * @param title the asset title
     * @return the builder of {@link #generated(String)}, to add more
     */
    public static ManifestDefinition.Builder builder(String title) {
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("model", MODEL.name());
        generation.put("prompt", PROMPT);
        generation.put("seed", 42L);
        generation.put("steps", 30);
        generation.put("guidance", 7.5);
        return ManifestDefinition.builder(GENERATOR)
                .title(title)
                .instanceId("xmp:iid:" + java.util.UUID.randomUUID())
                .action(Action.created(Action.TRAINED_ALGORITHMIC_MEDIA).softwareAgent(MODEL).when(WHEN).build())
                .trainingMining(TrainingMining.allConstrained())
                .assertion(CustomAssertion.of(GENERATION_LABEL, generation));
    }
}
