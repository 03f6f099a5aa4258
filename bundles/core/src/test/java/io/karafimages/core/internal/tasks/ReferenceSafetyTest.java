package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;

/** Regression tests for L4 of the security review: references checked at submit, error text bounded and clean. */
class ReferenceSafetyTest {
    private Harness harness;
    private DefaultTaskService tasks;

    @BeforeEach
    void setUp() throws Exception {
        harness = new Harness().provider(new ScriptedProvider());
        tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** The review's probe: a 3000-character reference id was accepted and made the failure unrecordable. */
    @Test
    void aMalformedOrForeignReferenceIsRefusedAtSubmitAndNothingIsQueued() {
        String longId = "r".repeat(3000);
        ImagesException malformed = assertThrows(ImagesException.class, () -> tasks.submit("u1", "generate",
                Map.of("prompt", "x", "reference_embed_ids", List.of(longId)), Optional.empty()));
        assertEquals("invalid_reference", malformed.code());
        assertEquals(400, malformed.httpStatus());
        ImagesException forged = assertThrows(ImagesException.class, () -> tasks.submit("u1", "generate",
                Map.of("prompt", "x", "reference_embed_ids", List.of("abc\r\nFORGED LOG LINE")), Optional.empty()));
        assertEquals("invalid_reference", forged.code());

        String theirs = harness.upload("u2", new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
        ImagesException foreign = assertThrows(ImagesException.class, () -> tasks.submit("u1", "generate",
                Map.of("prompt", "x", "reference_embed_ids", List.of(theirs)), Optional.empty()));
        assertEquals(404, foreign.httpStatus());
        assertEquals(0, harness.store.countQueuedBefore(Instant.now().plusSeconds(60)), "nothing was queued");

        String mine = harness.upload("u1", new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB));
        tasks.submit("u1", "generate", Map.of("prompt", "x", "reference_embed_ids", List.of(mine)), Optional.empty());
    }

    @Test
    void errorMessagesAreStoredWithoutControlCharactersAndBounded() {
        String message = TaskAttempt.safeMessage("line one\r\nINFO forged | line two\u0000" + "x".repeat(5000));
        assertFalse(message.contains("\n") || message.contains("\r") || message.contains("\u0000"), message);
        assertTrue(message.length() <= TaskAttempt.MAX_MESSAGE);
        assertTrue(message.startsWith("line one  INFO forged"));
        assertEquals("", TaskAttempt.safeMessage(null));
    }
}
