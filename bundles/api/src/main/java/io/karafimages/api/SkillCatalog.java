package io.karafimages.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The skills installed right now. Follows skill services as bundles come and go. */
@ProviderType
public interface SkillCatalog {
    /** Sorted by id. */
    List<SkillInfo> skills();

    Optional<SkillInfo> find(String skillId);
}
