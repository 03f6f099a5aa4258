package io.karafimages.provenance.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.karafimages.c2pa.Action;
import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paSigner;
import io.karafimages.c2pa.C2paWriter;
import io.karafimages.c2pa.CustomAssertion;
import io.karafimages.c2pa.GeneratorInfo;
import io.karafimages.c2pa.Ingredient;
import io.karafimages.c2pa.ManifestDefinition;
import io.karafimages.c2pa.TrainingMining;
import io.karafimages.spi.provenance.ProvenanceInfo;

/**
 * Signs a C2PA manifest into an image as the last writer: created by an AI model (IPTC trainedAlgorithmicMedia,
 * the model as software agent), all training and mining uses constrained, our generation assertion, and the
 * provider's own manifest (when its output carried one) as the parentOf ingredient. Thread-safe.
 */
final class C2paStamp {
    static final String GENERATION_LABEL = "io.karafimages.generation";

    private final C2paWriter writer;
    private final GeneratorInfo generator;

    C2paStamp(SigningIdentity identity, String product, String version) {
        this.writer = C2paWriter.builder(C2paSigner.of(identity.privateKey(), identity.chain())).build();
        this.generator = GeneratorInfo.of(product, version);
    }

    /**
     * @param asset the labelled rendition (XMP already written)
     * @param source the sanitized provider image, which may carry the provider's manifest
     * @param prompt {@code null} when the instance keeps prompts out of labels
     */
    byte[] sign(byte[] asset, byte[] source, ProvenanceInfo info, String prompt) {
        AssetFormat format = AssetFormat.detect(asset).orElseThrow();
        ManifestDefinition.Builder manifest = ManifestDefinition.builder(generator)
                .title(info.skill() + "." + (format == AssetFormat.JPEG ? "jpg" : format.name().toLowerCase()))
                .format(format.mediaType())
                .action(Action.created(Action.TRAINED_ALGORITHMIC_MEDIA)
                        .softwareAgent(new GeneratorInfo(info.model(), null)).when(info.generatedAt()).build())
                .trainingMining(TrainingMining.allConstrained())
                .assertion(CustomAssertion.of(GENERATION_LABEL, generation(info, prompt)));
        if (C2paWriter.readManifestStore(asset).isEmpty() && C2paWriter.readManifestStore(source).isPresent()) {
            // The rendition was re-encoded from a provider image that was signed: keep that history.
            manifest.ingredient(Ingredient.builder(Ingredient.Relationship.PARENT_OF).asset(source).build());
        }
        return writer.sign(asset, manifest.build());
    }

    private static Map<String, Object> generation(ProvenanceInfo info, String prompt) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", info.model());
        if (prompt != null) {
            m.put("prompt", prompt);
        }
        m.put("skill", info.skill());
        m.put("generated_at", info.generatedAt().toString());
        return m;
    }
}
