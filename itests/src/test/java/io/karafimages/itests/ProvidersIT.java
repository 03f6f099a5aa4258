package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.providers.FalSimulator;
import io.karafimages.testsupport.providers.GeminiSimulator;

/**
 * The distribution, as a process, with both cloud providers configured the way an operator does it: the features
 * (packaged in {@code system/}, not started) added to {@code featuresBoot}, {@code etc/images.provider.*.cfg} with
 * {@code base.url} and {@code $[env:...]} keys. Google and fal.ai cannot be reached from here: the providers talk
 * to {@link GeminiSimulator} and {@link FalSimulator} of test-support, SIMULATORS of the vendors' documented APIs
 * that check what the adapters send. Nothing here proves how the real services behave.
 *
 * <p>One runtime for the class; every test leaves the configuration as it found it, and checks that the
 * simulators saw only valid requests. Work is found in the simulators by a unique prompt per request.
 */
public class ProvidersIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String GEMINI_MODEL = "gemini-3-pro-image-preview";
    private static final String GEMINI_ID = "google/" + GEMINI_MODEL;
    private static final String FAL_MODEL = "fal-ai/flux-2/klein/9b/base";
    private static final String CORE_BUNDLE = "io.karafimages.images-core";
    private static final String REGISTRY = "io.karafimages.core.internal.registry.ProviderRegistry";
    private static final int RETRY_AFTER_SECONDS = 3;

    private static GeminiSimulator gemini;
    private static FalSimulator fal;
    private static KarafProcess karaf;
    private static Http http;
    private static String key;

    @BeforeClass
    public static void startRuntimeAgainstSimulators() throws Exception {
        String geminiKey = "gemini-" + UUID.randomUUID();
        String falKey = "fal-" + UUID.randomUUID();
        gemini = new GeminiSimulator(geminiKey, GEMINI_MODEL);
        fal = new FalSimulator(falKey, FAL_MODEL);
        karaf = new KarafProcess(Path.of("target", "providers-it-" + System.nanoTime()));
        karaf.environment("IMAGES_IT_GEMINI_KEY", geminiKey);
        karaf.environment("IMAGES_IT_FAL_KEY", falKey);
        karaf.writeConfig("images.provider.google", Map.of(".api.key", "$[env:IMAGES_IT_GEMINI_KEY]",
                "base.url", gemini.baseUrl().toString(), "timeout.seconds", "30"));
        karaf.writeConfig("images.provider.fal", Map.of(".api.key", "$[env:IMAGES_IT_FAL_KEY]",
                "base.url", fal.baseUrl(), "poll.interval.ms", "50", "timeout.seconds", "60"));
        // retries: 3 attempts, a 1 s base backoff (1 s, 2 s) that differs from the simulators' Retry-After
        karaf.set("etc/images.tasks.cfg", "max.attempts", "3");
        karaf.set("etc/images.tasks.cfg", "retry.base.seconds", "1");
        karaf.set("etc/images.tasks.cfg", "poll.interval.ms", "200");
        karaf.addBootFeatures("images-provider-google", "images-provider-fal");
        karaf.enableShellUser("operator", UUID.randomUUID().toString());
        karaf.start();
        http = karaf.http();
        key = karaf.initialApiKey();
        awaitProviders("google", "fal", "local");
    }

    @AfterClass
    public static void stop() throws Exception {
        try {
            if (karaf != null) {
                karaf.close();
            }
        } finally {
            if (gemini != null) {
                gemini.close();
            }
            if (fal != null) {
                fal.close();
            }
        }
    }

    @After
    public void simulatorsSawOnlyValidRequests() {
        assertEquals("Gemini simulator", List.of(), gemini.problems());
        assertEquals("fal simulator", List.of(), fal.problems());
    }

    @Test
    public void draftGoesToFalAndHighEndToGeminiWithTheRequestedShape() throws IOException {
        // ratio -> {Gemini's 1K size, fal's image_size preset and its size}, from the vendors' documentation
        Map<String, Object[]> ratios = new LinkedHashMap<>();
        ratios.put("1:1", new Object[] { 1024, 1024, "square_hd", 1024, 1024 });
        ratios.put("16:9", new Object[] { 1376, 768, "landscape_16_9", 1024, 576 });
        ratios.put("9:16", new Object[] { 768, 1376, "portrait_16_9", 576, 1024 });
        Map<String, JsonNode> accepted = new LinkedHashMap<>();
        for (String ratio : ratios.keySet()) {
            for (boolean draft : new boolean[] { false, true }) {
                String prompt = "shape " + ratio + (draft ? " draft " : " quality ") + UUID.randomUUID();
                accepted.put(prompt, generate(prompt, draft, ratio));
            }
        }
        for (Map.Entry<String, JsonNode> e : accepted.entrySet()) {
            JsonNode done = http.awaitTask(e.getValue().get("task_id").asText(), key, DEADLINE);
            assertEquals(done.toString(), "completed", done.get("status").asText());
        }
        for (Map.Entry<String, JsonNode> e : accepted.entrySet()) {
            String prompt = e.getKey();
            boolean draft = prompt.contains(" draft ");
            Object[] expected = ratios.get(prompt.split(" ")[1]);
            String embedId = e.getValue().get("embed_id").asText();
            if (draft) {
                FalSimulator.Submission sent = falSubmission(prompt);
                assertEquals(prompt, expected[2], sent.imageSize().getAsString());
                assertShape(embedId, (int) expected[3], (int) expected[4]);
                assertEquals(FAL_MODEL, content(embedId).get("model").asText());
            } else {
                List<GeminiSimulator.Seen> seen = geminiRequests(prompt);
                assertEquals(prompt, 1, seen.size());
                GeminiSimulator.Seen sent = seen.get(0);
                assertEquals(prompt, prompt.split(" ")[1], sent.aspectRatio());
                assertEquals("1K", sent.imageSize());
                assertShape(embedId, (int) expected[0], (int) expected[1]);
                assertEquals(GEMINI_ID, content(embedId).get("model").asText());
            }
        }
    }

    @Test
    public void aRefusalFailsAsProviderRefusedAndIsNotCharged() {
        String prompt = "refused " + UUID.randomUUID();
        gemini.answerOnce(GeminiSimulator.Answer.PROMPT_BLOCKED);
        String taskId = generate(prompt, false, "1:1").get("task_id").asText();

        JsonNode done = http.awaitTask(taskId, key, DEADLINE);
        assertEquals(done.toString(), "failed", done.get("status").asText());
        assertEquals("provider_refused", done.at("/error/code").asText());
        assertFalse(done.at("/error/retryable").asBoolean());
        assertEquals("not retried", 1, geminiRequests(prompt).size());
        assertEquals(0, charges(taskId));
    }

    @Test
    public void twoServerErrorsThenSuccessCompletesWithExactlyOneCharge() {
        String prompt = "flaky " + UUID.randomUUID();
        gemini.retryAfterSeconds(1);
        gemini.answerOnce(GeminiSimulator.Answer.SERVER_ERROR, GeminiSimulator.Answer.SERVER_ERROR);
        String taskId = generate(prompt, false, "1:1").get("task_id").asText();

        JsonNode done = http.awaitTask(taskId, key, DEADLINE);
        assertEquals(done.toString(), "completed", done.get("status").asText());
        assertEquals(3, geminiRequests(prompt).size());
        assertEquals(1, charges(taskId));
    }

    @Test
    public void aPersistentRateLimitFailsAfterTheConfiguredAttemptsHonouringRetryAfter() {
        String prompt = "rate limited " + UUID.randomUUID();
        gemini.retryAfterSeconds(RETRY_AFTER_SECONDS);
        gemini.answerNext(GeminiSimulator.Answer.RATE_LIMITED);
        JsonNode done;
        try {
            String taskId = generate(prompt, false, "1:1").get("task_id").asText();
            done = http.awaitTask(taskId, key, DEADLINE);
            assertEquals(0, charges(taskId));
        } finally {
            gemini.answerNext(GeminiSimulator.Answer.IMAGE_WITH_THOUGHTS);
        }
        assertEquals(done.toString(), "failed", done.get("status").asText());
        assertEquals("provider_unavailable", done.at("/error/code").asText());
        List<GeminiSimulator.Seen> seen = geminiRequests(prompt);
        assertEquals("max.attempts = 3", 3, seen.size());
        for (int i = 1; i < seen.size(); i++) {
            Duration gap = Duration.between(seen.get(i - 1).received(), seen.get(i).received());
            // the engine's own backoff would be 1 s, then 2 s
            assertTrue("attempt " + (i + 1) + " came " + gap + " after the 429", gap.compareTo(
                    Duration.ofSeconds(RETRY_AFTER_SECONDS)) >= 0 && gap.compareTo(Duration.ofSeconds(8)) < 0);
        }
    }

    @Test
    public void cancellingARunningFalTaskCancelsTheRequestAtFal() {
        String prompt = "cancel me " + UUID.randomUUID();
        int cancelsBefore = fal.cancels();
        fal.script(FalSimulator.Script.STUCK_IN_PROGRESS);
        try {
            String taskId = generate(prompt, true, "1:1").get("task_id").asText();
            Http.until(DEADLINE, () -> fal.submissions().stream().anyMatch(s -> prompt.equals(s.prompt())), s -> s);
            Http.until(DEADLINE, () -> http.get("/tasks/" + taskId, key).json().get("status").asText(),
                    s -> s.equals("processing"));

            assertEquals(202, http.send("DELETE", "/tasks/" + taskId, key, null).status());
            JsonNode done = http.awaitTask(taskId, key, Duration.ofSeconds(15));
            assertEquals(done.toString(), "cancelled", done.get("status").asText());
            Http.until(Duration.ofSeconds(15), fal::cancels, n -> n == cancelsBefore + 1);
            assertEquals(0, charges(taskId));
        } finally {
            fal.script(FalSimulator.Script.COMPLETES);
        }
    }

    @Test
    public void overBudgetAndOverTheRateLimitAreRefusedBeforeAnyProviderCall() throws Exception {
        String user = "limits" + System.nanoTime();
        karaf.shell("images:user-add " + user);
        List<String> lines = karaf.shell("images:apikey-create " + user).strip().lines().toList();
        String userKey = lines.get(lines.size() - 1).strip();
        // 100 credits: a draft (14) fits, a Gemini image (134) does not; two task starts per minute
        karaf.writeConfig("images.usage", Map.of("budget.credits", "100", "budget.period", "month",
                "rate.per.minute", "2", "rate.burst", "2"));
        try {
            awaitBudget(userKey, 100);
            int geminiCalls = gemini.requests().size();
            int falCalls = fal.submissions().size();

            Http.Response overBudget = http.post("/apps/images/generate", userKey, body("too dear", false, "1:1"));
            assertEquals(overBudget.toString(), 402, overBudget.status());
            assertEquals("budget_exceeded", overBudget.json().get("code").asText());
            Http.Response draft = http.post("/apps/images/generate", userKey, body("cheap enough", true, "1:1"));
            assertEquals(draft.toString(), 202, draft.status());
            Http.Response overRate = http.post("/apps/images/generate", userKey, body("one too many", true, "1:1"));
            assertEquals(overRate.toString(), 429, overRate.status());
            assertEquals("rate_limited", overRate.json().get("code").asText());
            assertNotNull("Retry-After", overRate.header("Retry-After"));
            assertTrue(overRate.header("Retry-After"), Integer.parseInt(overRate.header("Retry-After")) > 0);

            JsonNode done = http.awaitTask(draft.json().get("task_id").asText(), userKey, DEADLINE);
            assertEquals(done.toString(), "completed", done.get("status").asText());
            assertEquals("no Gemini call for the refused request", geminiCalls, gemini.requests().size());
            assertEquals("one fal call, for the accepted draft", falCalls + 1, fal.submissions().size());
        } finally {
            karaf.writeConfig("images.usage", Map.of("budget.credits", "0", "budget.period", "month",
                    "rate.per.minute", "60", "rate.burst", "20"));
            awaitBudget(userKey, -1);
        }
    }

    @Test
    public void removingTheFalFeatureAtRuntimeMovesDraftsAndInstallingItAgainBringsThemBack() throws Exception {
        String coreBefore = coreState();
        List<Integer> health = new CopyOnWriteArrayList<>();
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
        monitor.scheduleWithFixedDelay(() -> health.add(healthStatus()), 0, 200, TimeUnit.MILLISECONDS);
        boolean installed = true;
        try {
            karaf.shell("feature:uninstall images-provider-fal");
            installed = false;
            awaitProviders("google", "local");
            int falCalls = fal.submissions().size();

            JsonNode fallback = completedDraft("fallback " + UUID.randomUUID());
            assertEquals("the best-ranked provider answers the draft", GEMINI_ID,
                    content(fallback.get("embed_id").asText()).get("model").asText());

            setTierFallback(false);
            try {
                String taskId = generate("no draft model " + UUID.randomUUID(), true, "1:1").get("task_id").asText();
                JsonNode failed = http.awaitTask(taskId, key, DEADLINE);
                assertEquals(failed.toString(), "failed", failed.get("status").asText());
                assertEquals("provider_unavailable", failed.at("/error/code").asText());
                assertTrue(failed.toString(), failed.at("/error/message").asText().contains("draft"));
            } finally {
                setTierFallback(true);
            }
            assertEquals("fal was not called while removed", falCalls, fal.submissions().size());

            karaf.shell("feature:install images-provider-fal");
            installed = true;
            awaitProviders("google", "fal", "local");
            JsonNode back = completedDraft("fal is back " + UUID.randomUUID());
            assertEquals(FAL_MODEL, content(back.get("embed_id").asText()).get("model").asText());
            assertEquals(falCalls + 1, fal.submissions().size());
        } finally {
            // let a probe in flight finish: interrupting it would record a failed request that never happened
            monitor.shutdown();
            monitor.awaitTermination(30, TimeUnit.SECONDS);
            if (!installed) { // leave the runtime as the other tests expect it
                karaf.shell("feature:install images-provider-fal");
            }
        }
        assertEquals("nothing in the core restarted", coreBefore, coreState());
        assertTrue("health was probed", health.size() > 5);
        assertEquals("health stayed up: " + health, List.of(200), health.stream().distinct().toList());
    }

    private static JsonNode generate(String prompt, boolean draft, String ratio) {
        Http.Response r = http.post("/apps/images/generate", key, body(prompt, draft, ratio));
        assertEquals(r.toString(), 202, r.status());
        return r.json();
    }

    private static String body(String prompt, boolean draft, String ratio) {
        return "{\"prompt\":\"" + prompt + "\",\"draft\":" + draft + ",\"aspect_ratio\":\"" + ratio + "\"}";
    }

    private static JsonNode completedDraft(String prompt) {
        JsonNode accepted = generate(prompt, true, "1:1");
        JsonNode done = http.awaitTask(accepted.get("task_id").asText(), key, DEADLINE);
        assertEquals(done.toString(), "completed", done.get("status").asText());
        return accepted;
    }

    private static JsonNode content(String embedId) {
        Http.Response r = http.get("/embeds/" + embedId + "/content", key);
        assertEquals(r.toString(), 200, r.status());
        return r.json();
    }

    private static void assertShape(String embedId, int width, int height) throws IOException {
        Http.Response original = http.get("/embeds/" + embedId + "/file?format=original", key);
        assertEquals(200, original.status());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(original.body()));
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
    }

    private static List<GeminiSimulator.Seen> geminiRequests(String prompt) {
        return gemini.requests().stream().filter(s -> prompt.equals(s.prompt())).toList();
    }

    private static FalSimulator.Submission falSubmission(String prompt) {
        List<FalSimulator.Submission> sent = fal.submissions().stream().filter(s -> prompt.equals(s.prompt())).toList();
        assertEquals(prompt, 1, sent.size());
        return sent.get(0);
    }

    /** The charges {@code GET /v1/usage} lists for one task. */
    private static long charges(String taskId) {
        JsonNode usage = http.get("/usage", key).json();
        return StreamSupport.stream(usage.get("charges").spliterator(), false)
                .filter(c -> taskId.equals(c.get("task_id").asText())).count();
    }

    /** Waits until the usage limits run with this budget (-1: none); they restart when reconfigured. */
    private static void awaitBudget(String apiKey, long credits) {
        Http.until(DEADLINE, () -> {
            try {
                Http.Response r = http.get("/usage", apiKey);
                return r.status() != 200 ? -2 : r.json().path("budget_credits").asLong(-1);
            } catch (AssertionError notNow) {
                return -2L;
            }
        }, b -> b == credits);
    }

    /** Waits until health lists exactly these providers (in ranking order, which the test does not fix). */
    private static void awaitProviders(String... expected) {
        Http.until(DEADLINE, () -> Set.of(http.get("/health", key).json().at("/checks/providers").asText()
                .split(", ")), Set.of(expected)::equals);
    }

    private static int healthStatus() {
        try {
            return http.get("/health", null).status();
        } catch (AssertionError e) {
            return -1;
        }
    }

    /**
     * Writes etc/images.providers.cfg and waits until the registry runs with it: DS updates the service properties
     * only after the component's {@code @Modified} method has returned.
     */
    private static void setTierFallback(boolean fallback) throws Exception {
        karaf.writeConfig("images.providers", Map.of("tier.fallback", String.valueOf(fallback)));
        Pattern property = Pattern.compile("(?m)^\\s*tier\\.fallback = " + fallback + "\\s*$");
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!property.matcher(karaf.shell("service:list " + REGISTRY)).find()) {
            assertTrue("tier.fallback = " + fallback + " did not reach the registry", System.nanoTime() < end);
        }
    }

    /**
     * The core bundle's id and state ({@code bundle:list}) and the service id of its provider registry
     * ({@code service:list}): a restarted bundle or a re-activated registry component would change them.
     */
    private static String coreState() throws Exception {
        Matcher bundle = Pattern.compile("(?m)^\\s*(\\d+)\\s*[│|]\\s*(\\w+)\\s*[│|].*" + Pattern.quote(CORE_BUNDLE)
                + "\\s*$").matcher(karaf.shell("bundle:list -s -t 0"));
        assertTrue("the core bundle is listed", bundle.find());
        assertEquals("Active", bundle.group(2));
        Matcher registry = Pattern.compile("(?m)^\\s*service\\.id = (\\d+)\\s*$").matcher(karaf.shell("service:list "
                + REGISTRY));
        assertTrue("the provider registry is registered", registry.find());
        return "bundle " + bundle.group(1) + " " + bundle.group(2) + ", registry service " + registry.group(1);
    }
}
