package io.karafimages.c2pa;

import java.util.Objects;
import java.util.Optional;

/**
 * Names a piece of software: the claim generator of a manifest, or the {@code softwareAgent} of an
 * action (for generated images: the model). Written as a C2PA {@code generator-info-map}.
 *
 * @param name    human-readable name, not blank
 * @param version version string, or {@code null} when unknown
 */
public record GeneratorInfo(String name, String version) {

    /**
     * Validates the fields.
     *
     * @param name    human-readable name, not blank
     * @param version version string, or {@code null} when unknown
     */
    public GeneratorInfo {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("generator name must not be blank");
        }
        if (version != null && version.isBlank()) {
            throw new IllegalArgumentException("version must be null or not blank");
        }
    }

    /**
     * @param name    human-readable name, not blank
     * @param version version string, not blank
     * @return the generator info
     */
    public static GeneratorInfo of(String name, String version) {
        return new GeneratorInfo(name, Objects.requireNonNull(version, "version"));
    }

    /** @return the version, if known */
    public Optional<String> versionIfKnown() {
        return Optional.ofNullable(version);
    }
}
