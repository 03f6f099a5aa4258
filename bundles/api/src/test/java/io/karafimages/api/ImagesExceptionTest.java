package io.karafimages.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Security review L7: backend configuration detail stays in the operator's log. */
class ImagesExceptionTest {

    @Test
    void backendFaultsShowUsersAGenericSentence() {
        ImagesException denied = new ImagesException("keys_access_denied", 500, false, "Vault denied access: check "
                + "role.id and .secret.id in images.keys.vault, policy for 'transit-prod/' keys named 'images-*'.");
        assertFalse(denied.publicMessage().contains("transit-prod"), denied.publicMessage());
        assertEquals("The key service failed because of a server configuration problem; the operators can find it "
                + "in the log.", denied.publicMessage());
        ImagesException bucket = ImagesException.unavailable("storage_unavailable",
                "S3 unreachable at https://minio.internal:9000 (bucket 'acme-prod-images')", Duration.ofSeconds(5), null);
        assertEquals("File storage is unavailable right now; try again later.", bucket.publicMessage());
        assertEquals("S3 unreachable at https://minio.internal:9000 (bucket 'acme-prod-images')", bucket.getMessage(),
                "the operator detail is kept for the log");
    }

    @Test
    void messagesWrittenForUsersAreShownAsTheyAre() {
        ImagesException invalid = ImagesException.invalid("prompt_too_long", "The prompt has 4001 characters; at most 4000.");
        assertEquals(invalid.getMessage(), invalid.publicMessage());
        ImagesException provider = new ImagesException("provider_unavailable", 503, true, "fal.ai did not answer in time.");
        assertEquals(provider.getMessage(), provider.publicMessage());
        ImagesException storage4xx = new ImagesException("storage_quota", 409, false, "Your storage quota is used up.");
        assertEquals(storage4xx.getMessage(), storage4xx.publicMessage(), "only 5xx backend faults are hidden");
    }
}
