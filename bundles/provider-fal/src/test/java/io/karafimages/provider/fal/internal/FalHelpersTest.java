package io.karafimages.provider.fal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.karafimages.api.AspectRatio;
import io.karafimages.spi.provider.ImageRequest;
import io.karafimages.testsupport.providers.FalWire;
import okhttp3.HttpUrl;

/** Plain unit tests: settings checks, the size for every ratio, the request body, the poll pause. */
class FalHelpersTest {
    private static final Optional<String> EDIT = Optional.of("fal-ai/flux-2/klein/9b/edit");

    @ParameterizedTest
    @EnumSource(AspectRatio.class)
    void everyRatioReachesTheModelExactly(AspectRatio ratio) {
        var size = FalInput.imageSize(ratio);
        int[] wh = size.isJsonPrimitive() ? FalWire.PRESETS.get(size.getAsString())
                : new int[] {size.getAsJsonObject().get("width").getAsInt(), size.getAsJsonObject().get("height").getAsInt()};
        assertEquals(ratio.ratio(), (double) wh[0] / wh[1], 1e-9, ratio + " -> " + size);
        assertEquals(0, wh[0] % 16);
        assertEquals(0, wh[1] % 16);
        long pixels = (long) wh[0] * wh[1];
        assertTrue(pixels >= 500_000 && pixels <= 1_300_000, ratio + ": " + pixels);
    }

    @Test
    void theBodyAsksForOnePngWithTheSafetyCheckerOn() {
        var body = FalInput.of(ImageRequest.builder(null, "a cat").aspectRatio(AspectRatio.SQUARE).references(List.of()).build());
        assertEquals("a cat", body.get("prompt").getAsString());
        assertEquals(1, body.get("num_images").getAsInt());
        assertEquals("png", body.get("output_format").getAsString());
        assertTrue(body.get("enable_safety_checker").getAsBoolean());
        assertFalse(body.has("image_urls"));
    }

    @Test
    void settingsRefuseAMissingKeyAndBadPaths() {
        HttpUrl base = HttpUrl.get("https://queue.fal.run");
        assertThrows(IllegalArgumentException.class, () -> new FalSettings(" ", "fal-ai/x", EDIT, base,
                Duration.ofMillis(500), Duration.ofSeconds(5), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FalSettings("$[env:FAL_KEY]", "fal-ai/x", EDIT, base,
                Duration.ofMillis(500), Duration.ofSeconds(5), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FalSettings("k", "no-slash", EDIT, base,
                Duration.ofMillis(500), Duration.ofSeconds(5), 0, 0));
        FalSettings s = new FalSettings("secret", "/fal-ai/flux-2/klein/9b/base/", EDIT, base,
                Duration.ofMillis(500), Duration.ofSeconds(5), 0.014, 0.022);
        assertEquals("https://queue.fal.run/fal-ai/flux-2/klein/9b/base/edit", s.submitUrl(true).toString());
        assertEquals("https://queue.fal.run/fal-ai/flux-2/klein/9b/edit", s.editUrl().orElseThrow().toString());
        assertThrows(IllegalArgumentException.class, () -> new FalSettings("k", "fal-ai/x", Optional.of("no-slash"),
                base, Duration.ofMillis(500), Duration.ofSeconds(5), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FalSettings("k", "fal-ai/x", EDIT, base,
                Duration.ofMillis(500), Duration.ofSeconds(5), 0, -1));
        assertTrue(s.isOwnEndpoint(HttpUrl.get("https://queue.fal.run/fal-ai/flux-2/requests/1/status")));
        assertFalse(s.isOwnEndpoint(HttpUrl.get("https://v3.fal.media/files/x.png")));
        assertFalse(s.toString().contains("secret"));
    }

    @Test
    void samplerStepsInLogsDriveProgressButDatesDoNot() {
        List<Double> seen = new java.util.ArrayList<>();
        FalProgress progress = new FalProgress((f, m) -> seen.add(f));
        progress.status(new FalQueueClient.Status("IN_PROGRESS", -1, List.of("2026/11/26 loading weights")));
        assertTrue(progress.reported() < 0.3, "a date is not 2026 of 11 steps: " + progress.reported());
        progress.status(new FalQueueClient.Status("IN_PROGRESS", -1, List.of("Sampling 14/28")));
        assertEquals(0.2 + 0.65 * 0.5, progress.reported(), 1e-9);
        progress.status(new FalQueueClient.Status("IN_QUEUE", 3, List.of()));
        assertEquals(0.2 + 0.65 * 0.5, progress.reported(), 1e-9, "never goes back");
    }

    @Test
    void thePauseEndsPromptlyOnCancelAndOnClose() throws Exception {
        PollPacer pacer = new PollPacer();
        CountDownLatch cancel = new CountDownLatch(1);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(
                () -> pacer.pause(Duration.ofMinutes(5), () -> cancel.getCount() == 0));
        cancel.countDown();
        assertFalse(waiting.get(2, TimeUnit.SECONDS), "cancelled long before the five minutes");

        CompletableFuture<Boolean> stopping = CompletableFuture.supplyAsync(
                () -> pacer.pause(Duration.ofMinutes(5), () -> false));
        pacer.close();
        assertFalse(stopping.get(2, TimeUnit.SECONDS), "woken by close");
        assertTrue(new PollPacer().pause(Duration.ofMillis(20), () -> false), "a full pause says so");
    }
}
