package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.api.Task;
import io.karafimages.core.internal.json.Json;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.TaskRecord;

/** Regression tests for M5 (budget race) and M7 (unsalted request hash) of the security review. */
class SubmitSafetyTest {
    private Harness harness;
    private ScriptedProvider provider;

    @BeforeEach
    void setUp() throws Exception {
        provider = new ScriptedProvider();
        harness = new Harness().provider(provider);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** M5: 16 parallel submits with a budget for one task (134 of 200 credits): exactly one is accepted. */
    @Test
    void parallelSubmitsCannotOverspendTheBudget() throws Exception {
        provider.gate = new CountDownLatch(1); // the accepted task stays pending: its estimate counts
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)),
                Map.of("budget_credits", 200L, "rate_per_minute", 0));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String prompt = "p" + i;
            results.add(pool.submit(() -> {
                go.await();
                try {
                    return tasks.submit("u1", "generate", Map.of("prompt", prompt), Optional.empty());
                } catch (ImagesException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Object> f : results) {
            Object r = f.get();
            if (r instanceof Task) {
                accepted++;
            } else {
                ImagesException e = (ImagesException) r;
                assertEquals("budget_exceeded", e.code(), e::getMessage);
                assertEquals(402, e.httpStatus());
            }
        }
        pool.shutdown();
        provider.gate.countDown();
        assertEquals(1, accepted, "the budget covers one task");
        assertEquals(134, harness.store.pendingCredits("u1") + harness.store.creditsSince("u1", Instant.EPOCH));
    }

    /** M7: the stored request hash is keyed; a database reader cannot test a guessed prompt against it. */
    @Test
    void theStoredRequestHashIsNotAPlainHashOfThePrompt() throws Exception {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Map<String, Object> input = Map.of("prompt", "a secret plan");
        Task first = tasks.submit("u1", "generate", input, Optional.of("k1"));
        TaskRecord row = harness.store.findTask(first.taskId()).orElseThrow();
        assertNotNull(row.requestHash());
        assertNotEquals(sha256("generate\n" + Json.writeString(input)), row.requestHash());

        assertEquals(first.taskId(), tasks.submit("u1", "generate", input, Optional.of("k1")).taskId(),
                "a replay is still recognised");
        ImagesException e = assertThrows(ImagesException.class,
                () -> tasks.submit("u1", "generate", Map.of("prompt", "another plan"), Optional.of("k1")));
        assertEquals("idempotency_key_reused", e.code());
    }

    /** Rows written before the keyed hash still replay during their idempotency window. */
    @Test
    void aRowWithTheOldPlainHashStillReplays() throws Exception {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Map<String, Object> input = Map.of("prompt", "old");
        Task first = tasks.submit("u1", "generate", Map.of("prompt", "old"), Optional.empty());
        TaskRecord row = harness.store.findTask(first.taskId()).orElseThrow();
        // The idempotency columns are written by the insert only: write the row again as an old node did.
        TaskRecord old = row.toBuilder().id(UUID.randomUUID().toString())
                .idempotency("k-old", sha256("generate\n" + Json.writeString(input))).build();
        EmbedRecord embed = harness.store.findEmbed(row.embedId()).orElseThrow();
        assertTrue(harness.store.deleteEmbed(row.embedId()));
        assertTrue(harness.store.create(old, embed));
        assertEquals(old.id(), tasks.submit("u1", "generate", input, Optional.of("k-old")).taskId());
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
