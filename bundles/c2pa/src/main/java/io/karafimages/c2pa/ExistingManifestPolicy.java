package io.karafimages.c2pa;

/**
 * What {@link C2paWriter#sign(byte[], ManifestDefinition)} does with a C2PA manifest store that
 * is already embedded in the asset. The old store is always removed from the file (an asset holds
 * one store); the policy decides whether its provenance is kept.
 */
public enum ExistingManifestPolicy {
    /**
     * Keep the provenance (the default): the manifests of the old store are copied into the new
     * store and its active manifest becomes the {@code parentOf} ingredient of the new manifest,
     * validated and referenced from a {@code c2pa.opened} action. A store that cannot be parsed
     * makes signing fail with {@link C2paException.Reason#MALFORMED_MANIFEST_STORE}.
     */
    PARENT_INGREDIENT,
    /** Drop the old store without a trace. Use only when its provenance must not be kept. */
    DISCARD
}
