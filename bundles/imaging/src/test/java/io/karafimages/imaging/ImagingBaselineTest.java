package io.karafimages.imaging;

import org.junit.jupiter.api.Test;

import io.karafimages.testsupport.baseline.ApiBaselineCheck;

/**
 * Semantic versioning of {@code io.karafimages.imaging}, which the API bundle, c2pa and the providers import:
 * checked on every build against {@code src/test/resources/baseline/images-imaging.baseline} (see
 * {@link ApiBaselineCheck}; re-record with {@code -Dbaseline.record=true} after a bump, or a release).
 */
class ImagingBaselineTest {
    @Test
    void exportedPackagesCarryTheVersionsTheirChangesNeed() throws Exception {
        new ApiBaselineCheck("images-imaging", "bundles/imaging", ImageFormat.class).verify();
    }
}
