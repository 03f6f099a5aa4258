package io.karafimages.baseline;

import org.junit.jupiter.api.Test;

import io.karafimages.testsupport.baseline.ApiBaselineCheck;

/**
 * Semantic versioning of the API bundle's exported packages, checked on every build against the baseline
 * recorded in {@code src/test/resources/baseline/images-api.baseline} ({@link ApiBaselineCheck}: how it works and
 * how to re-record, {@code -Dbaseline.record=true|force}).
 */
class ApiBaselineTest {
    static final ApiBaselineCheck CHECK = new ApiBaselineCheck("images-api", "bundles/api",
            io.karafimages.api.Cost.class);

    @Test
    void exportedPackagesCarryTheVersionsTheirChangesNeed() throws Exception {
        CHECK.verify();
    }
}
