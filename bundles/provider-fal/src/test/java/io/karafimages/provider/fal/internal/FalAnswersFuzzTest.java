package io.karafimages.provider.fal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Timeout;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonObject;

import io.karafimages.api.ImagesException;

/**
 * Fuzzes the reading of fal.ai answers with any bytes, as the network could deliver them: each reader returns a
 * value or fails with {@code provider_bad_output}, never with a Gson or other runtime exception. The corpus in
 * {@code FalAnswersFuzzTestInputs/} runs in every build; the pom's fuzz execution adds a bounded fuzzing run.
 */
class FalAnswersFuzzTest {

    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    @FuzzTest(maxExecutions = 300_000)
    void readsAnswers(byte[] body) {
        JsonObject answer = badOutputOr(() -> FalAnswers.parse(body));
        if (answer != null) {
            badOutputOr(() -> FalAnswers.submitted(answer));
            FalQueueClient.Status status = FalAnswers.status(answer);
            assertNotNull(status.state());
            FalAnswers.flaggedNsfw(answer);
            badOutputOr(() -> FalAnswers.imageLocation(answer));
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("data:")) {
            badOutputOr(() -> FalAnswers.dataUri(text));
        }
    }

    private static <T> T badOutputOr(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ImagesException e) {
            assertEquals("provider_bad_output", e.code(), e::getMessage);
            return null;
        }
    }
}
