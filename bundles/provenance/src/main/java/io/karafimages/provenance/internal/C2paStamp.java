package io.karafimages.provenance.internal;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.c2pa.Action;
import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.C2paSigner;
import io.karafimages.c2pa.C2paWriter;
import io.karafimages.c2pa.CustomAssertion;
import io.karafimages.c2pa.ExistingManifestPolicy;
import io.karafimages.c2pa.GeneratorInfo;
import io.karafimages.c2pa.Ingredient;
import io.karafimages.c2pa.ManifestDefinition;
import io.karafimages.c2pa.TrainingMining;
import io.karafimages.spi.provenance.ProvenanceInfo;

/**
 * Signs a C2PA manifest into an image as the last writer, by the kind of image:
 * <ul>
 * <li><b>edit or upload</b> (a parent): {@code c2pa.opened} of one {@code parentOf} ingredient made from the
 * parent's bytes (its manifests copied, its validation recorded), then the edit action (for an upload without one:
 * {@code c2pa.edited.metadata}, "private metadata removed");</li>
 * <li><b>generation</b> (no parent, a digital source type): {@code c2pa.created} with the digital source type;
 * the provider's own manifest, when the source carries one, becomes the {@code parentOf} ingredient (the writer
 * then writes the first action as {@code c2pa.opened});</li>
 * <li><b>nothing</b> (no parent, no digital source type): no manifest, and a store left over from the input is
 * removed.</li>
 * </ul>
 * When AI was involved (a digital source type or a model) the manifest also constrains all training and mining
 * uses and carries our generation assertion. A store the rendition itself carries (the sanitizer keeps inputs'
 * stores) is always discarded: the history travels in the parent ingredient. Thread-safe.
 */
final class C2paStamp {
    static final String GENERATION_LABEL = "io.karafimages.generation";
    static final String METADATA_REMOVED = "private metadata removed";
    private static final Logger LOG = LoggerFactory.getLogger(C2paStamp.class);
    /** What a provider's store (not our rendition) can make the writer throw. */
    private static final java.util.Set<C2paException.Reason> PROVIDER_STORE_FAULTS = java.util.EnumSet.of(
            C2paException.Reason.MALFORMED_MANIFEST_STORE, C2paException.Reason.MALFORMED_ASSET,
            C2paException.Reason.UNSUPPORTED_FORMAT, C2paException.Reason.INGREDIENT_CONFLICT);

    private final C2paWriter writer;
    private final GeneratorInfo generator;

    C2paStamp(SigningIdentity identity, String product, String version) {
        List<X509Certificate> chain = identity.chain();
        this.writer = C2paWriter.builder(C2paSigner.of(identity.privateKey(), chain))
                // the parents of edits carry our own earlier manifests: judge them against the top of our chain
                .ingredientTrustAnchors(List.of(chain.get(chain.size() - 1)))
                .build();
        this.generator = GeneratorInfo.of(product, version);
    }

    /**
     * @param asset the labelled rendition (XMP already written)
     * @param source the sanitized input image, which may carry the provider's manifest
     * @param prompt {@code null} when the instance keeps prompts out of labels
     * @return the signed asset, or the asset without any C2PA store when it gets no manifest
     */
    byte[] sign(byte[] asset, byte[] source, ProvenanceInfo info, String prompt) {
        return signed(asset, source, info, prompt).bytes();
    }

    /** The signed asset and the manifest definition it was signed with (null when it got no manifest). */
    record Signed(byte[] bytes, ManifestDefinition manifest) {
    }

    /** As {@link #sign}, also returning exactly the definition that was signed (after any fallback). */
    Signed signed(byte[] asset, byte[] source, ProvenanceInfo info, String prompt) {
        AssetFormat format = AssetFormat.detect(asset).orElseThrow();
        if (info.parent().isPresent()) {
            ProvenanceInfo.Parent parent = info.parent().get();
            try {
                return sign(asset, opened(format, info, prompt,
                        Ingredient.builder(Ingredient.Relationship.PARENT_OF).title(parent.title())
                                .asset(parent.bytes()).build()));
            } catch (C2paException e) {
                if (e.reason() != C2paException.Reason.MALFORMED_MANIFEST_STORE) {
                    throw e;
                }
                // an upload's damaged store cannot be carried over; still record what it was opened from
                LOG.warn("The C2PA store of parent '{}' cannot be read ({}); recording the parent without it",
                        parent.title(), e.getMessage());
                return sign(asset, opened(format, info, prompt, withoutStore(parent)));
            }
        }
        if (info.digitalSourceType().isPresent()) {
            try {
                return sign(asset, generated(format, source, info, prompt, true));
            } catch (C2paException e) {
                if (!PROVIDER_STORE_FAULTS.contains(e.reason())) {
                    throw e;
                }
                // a provider store we cannot read must not fail the task (security review L5): our own manifest
                // still says the image was created by the model; only the provider's history is lost
                LOG.warn("The provider's C2PA store in the {} image cannot be used ({}); signing without it",
                        info.skill(), e.getMessage());
                return sign(asset, generated(format, source, info, prompt, false));
            }
        }
        return new Signed(MetadataStripper.withoutManifestStore(asset), null);
    }

    private Signed sign(byte[] asset, ManifestDefinition manifest) {
        return new Signed(writer.sign(asset, manifest), manifest);
    }

    private ManifestDefinition opened(AssetFormat format, ProvenanceInfo info, String prompt, Ingredient parent) {
        return base(format, info, prompt)
                .ingredient(parent)
                .action(Action.builder(Action.OPENED).build())
                .action(editAction(info))
                .build();
    }

    private ManifestDefinition generated(AssetFormat format, byte[] source, ProvenanceInfo info, String prompt,
            boolean withProviderStore) {
        Action.Builder created = Action.created(info.digitalSourceType().orElseThrow()).when(info.generatedAt());
        info.model().ifPresent(model -> created.softwareAgent(new GeneratorInfo(model, null)));
        ManifestDefinition.Builder manifest = base(format, info, prompt).action(created.build());
        if (withProviderStore && C2paWriter.readManifestStore(source).isPresent()) {
            // the provider signed its output: keep that history
            manifest.ingredient(Ingredient.builder(Ingredient.Relationship.PARENT_OF).asset(source).build());
        }
        return manifest.build();
    }

    private ManifestDefinition.Builder base(AssetFormat format, ProvenanceInfo info, String prompt) {
        ManifestDefinition.Builder manifest = ManifestDefinition.builder(generator)
                .title(info.skill() + "." + (format == AssetFormat.JPEG ? "jpg" : format.name().toLowerCase()))
                .format(format.mediaType())
                .existingManifestPolicy(ExistingManifestPolicy.DISCARD);
        if (aiInvolved(info)) {
            manifest.trainingMining(TrainingMining.allConstrained())
                    .assertion(CustomAssertion.of(GENERATION_LABEL, generation(info, prompt)));
        }
        return manifest;
    }

    private static Action editAction(ProvenanceInfo info) {
        String name = info.editAction().orElse(aiInvolved(info) ? Action.EDITED : Action.EDITED_METADATA);
        Action.Builder action = Action.builder(name).when(info.generatedAt());
        info.digitalSourceType().ifPresent(action::digitalSourceType);
        info.model().ifPresent(model -> action.softwareAgent(new GeneratorInfo(model, null)));
        info.editDescription()
                .or(() -> name.equals(Action.EDITED_METADATA) ? Optional.of(METADATA_REMOVED) : Optional.empty())
                .ifPresent(action::description);
        return action.build();
    }

    private static Ingredient withoutStore(ProvenanceInfo.Parent parent) {
        Ingredient.Builder ingredient = Ingredient.builder(Ingredient.Relationship.PARENT_OF).title(parent.title());
        AssetFormat.detect(parent.bytes()).ifPresent(f -> ingredient.format(f.mediaType()));
        return ingredient.build();
    }

    static boolean aiInvolved(ProvenanceInfo info) {
        return info.digitalSourceType().isPresent() || info.model().isPresent();
    }

    private static Map<String, Object> generation(ProvenanceInfo info, String prompt) {
        Map<String, Object> m = new LinkedHashMap<>();
        info.model().ifPresent(model -> m.put("model", model));
        if (prompt != null) {
            m.put("prompt", prompt);
        }
        m.put("skill", info.skill());
        m.put("generated_at", info.generatedAt().toString());
        return m;
    }
}
