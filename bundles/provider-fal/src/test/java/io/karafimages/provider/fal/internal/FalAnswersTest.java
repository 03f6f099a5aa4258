package io.karafimages.provider.fal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import io.karafimages.api.ImagesException;

/** Answers of the wrong shape, as found by {@link FalAnswersFuzzTest}: read leniently or refused as bad output. */
class FalAnswersTest {

    @Test
    void statusWithWrongTypesReadsAsUnknown() {
        FalQueueClient.Status status = FalAnswers.status(json(
                "{\"status\":{},\"queue_position\":\"three\",\"logs\":[{\"message\":{\"text\":\"x\"}},7,{\"message\":\"2/4\"}]}"));
        assertEquals("", status.state());
        assertEquals(-1, status.queuePosition());
        assertEquals(List.of("2/4"), status.logs());
    }

    @Test
    void queuePositionOutOfRangeIsUnknown() {
        assertEquals(-1, FalAnswers.status(json("{\"status\":\"IN_QUEUE\",\"queue_position\":1e300}")).queuePosition());
        assertEquals(3, FalAnswers.status(json("{\"status\":\"IN_QUEUE\",\"queue_position\":3}")).queuePosition());
    }

    @Test
    void imageUrlThatIsNoStringIsBadOutput() {
        ImagesException e = assertThrows(ImagesException.class,
                () -> FalAnswers.imageLocation(json("{\"images\":[{\"url\":{\"href\":\"x\"}}]}")));
        assertEquals("provider_bad_output", e.code());
    }

    @Test
    void requestHandleOfWrongTypeIsBadOutput() {
        ImagesException e = assertThrows(ImagesException.class, () -> FalAnswers.submitted(json(
                "{\"request_id\":{},\"status_url\":[],\"response_url\":\"https://q/r\",\"cancel_url\":\"https://q/c\"}")));
        assertEquals("provider_bad_output", e.code());
    }

    @Test
    void nsfwFlagsAcceptBooleansAndTheirText() {
        assertTrue(FalAnswers.flaggedNsfw(json("{\"has_nsfw_concepts\":[false,\"true\"]}")));
        assertFalse(FalAnswers.flaggedNsfw(json("{\"has_nsfw_concepts\":[{},1,false]}")));
    }

    @Test
    void answerThatIsNoObjectIsBadOutput() {
        ImagesException e = assertThrows(ImagesException.class,
                () -> FalAnswers.parse("[1]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("provider_bad_output", e.code());
    }

    private static JsonObject json(String text) {
        return FalAnswers.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
