package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.testsupport.DebianPostgres;
import io.karafimages.testsupport.S3Proxy;
import io.karafimages.testsupport.TransitSimulator;
import io.karafimages.testsupport.providers.GeminiSimulator;

/**
 * The scale-out the README promises, with three runtimes from the distribution ({@code bin/karaf server}, each its
 * own data directory and so its own node id) on one PostgreSQL, one S3 (s3proxy) and the Vault Transit SIMULATOR,
 * with Gemini answered by its SIMULATOR (a small image after a latency, so tasks overlap what the test does to the
 * nodes). 300 generate tasks from three users go through all three nodes while:
 * <ul>
 * <li>node B is killed with SIGKILL while it runs tasks, and started again later;</li>
 * <li>PostgreSQL is frozen (SIGSTOP of the postmaster and its backends) for longer than a lease, so every lease is
 * expired when it thaws and the nodes race to take each other's tasks over;</li>
 * </ul>
 * A node's skewed clock is not part of this test: leases, retries, the queue and every task time come from the
 * database's clock, which {@code DatabaseClockTest} in core checks with the store's clock 10 minutes ahead of and
 * behind the node's. (libfaketime, the way to skew one process's clock without root, slows the JVM's time calls so
 * much that a runtime did not start within 5 minutes on a shared 2-core machine.)
 * Afterwards the test prints and checks what an operator would: every accepted task completed (or failed with a
 * retryable code after max.attempts), none cancelled but those the test cancelled, at most one provider call per
 * attempt, one charge per completed task and none for the others, every embed downloadable from every node, no
 * object in the bucket that no embed refers to, and nothing left processing.
 */
public class ThreeNodesIT {
    private static final int TASKS = 300;
    private static final int LEASE_SECONDS = 10;
    private static final int MAX_ATTEMPTS = 4;
    private static final String MODEL = "gemini-3-pro-image-preview";
    private static final String BUCKET = "cluster";
    private static final String DATABASE = "images_cluster";
    private static final List<String> FORMATS = List.of("original", "full", "preview");
    /** Three runtimes starting on two shared cores: generous, and only the slow case waits that long. */
    private static final Duration STARTUP = Duration.ofSeconds(300);
    private static final Duration ALL_DONE = Duration.ofMinutes(12);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One accepted task: who submitted it where, and what to look for in the simulator and the database. */
    private record Accepted(String taskId, String embedId, String prompt, String apiKey, int node) {
    }

    private final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    private final Set<String> cancelledByTest = ConcurrentHashMap.newKeySet();

    @Test
    public void threeNodesKeepEveryTaskThroughACrashAndADatabaseFreeze() throws Exception {
        long t0 = System.nanoTime();
        Path work = Path.of("target", "three-nodes-it-" + System.nanoTime()).toAbsolutePath();
        String geminiKey = "gemini-" + UUID.randomUUID();
        try (DebianPostgres postgres = DebianPostgres.start(work);
                S3Proxy s3 = new S3Proxy(work.resolve("s3")).start();
                TransitSimulator vault = new TransitSimulator(Clock.systemUTC(), "transit");
                GeminiSimulator gemini = new GeminiSimulator(geminiKey, MODEL);
                S3Bucket bucket = new S3Bucket(s3, BUCKET)) {
            gemini.latency(Duration.ofMillis(1500));
            gemini.imageSide(256);
            String url = postgres.createDatabase(DATABASE);
            List<KarafProcess> nodes = new ArrayList<>();
            try {
                for (String name : List.of("a", "b", "c")) {
                    KarafProcess node = new KarafProcess(work.resolve("node-" + name));
                    configure(node, postgres, url, s3, vault, gemini, geminiKey);
                    nodes.add(node);
                }
                nodes.get(0).enableShellUser("operator", UUID.randomUUID().toString());
                run(nodes, postgres, bucket, gemini, t0);
            } finally {
                KarafProcess.closeAll(nodes.toArray(new AutoCloseable[0]));
            }
        }
    }

    private void run(List<KarafProcess> nodes, DebianPostgres postgres, S3Bucket bucket, GeminiSimulator gemini,
            long t0) throws Exception {
        KarafProcess a = nodes.get(0);
        KarafProcess b = nodes.get(1);
        KarafProcess c = nodes.get(2);
        a.start(STARTUP); // the first start creates the schema and the admin; the others share both
        startAll(List.of(b, c));
        String admin = a.initialApiKey(); // health names its backends only to an admin (security review L1)
        for (KarafProcess node : nodes) {
            awaitBackends(node.http(), admin);
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            ids.put("abc".substring(i, i + 1), nodes.get(i).nodeId());
        }
        assertEquals("distinct node ids: " + ids, 3, new HashSet<>(ids.values()).size());
        List<String> keys = new ArrayList<>(List.of(admin));
        for (String user : List.of("carol", "dave")) {
            a.shell("images:user-add " + user);
            keys.add(a.shell("images:apikey-create " + user).lines().map(String::strip)
                    .filter(l -> l.startsWith("ki_")).findFirst().orElseThrow());
        }
        log(t0, "nodes up: " + ids);

        // wave 1 through all three nodes; the test cancels a few; node B dies while it runs tasks
        submit(nodes, List.of(0, 1, 2), keys, 0, 120);
        for (Accepted t : accepted.values().stream().limit(6).toList()) {
            int status = nodes.get(t.node()).http().send("DELETE", "/tasks/" + t.taskId(), t.apiKey(), null).status();
            assertEquals(202, status);
            cancelledByTest.add(t.taskId());
        }
        String bId = ids.get("b");
        Http.until(STARTUP, () -> count(postgres, "status = 'PROCESSING' AND lease_owner = '"
                + bId + "' AND progress > 0"), n -> n >= 2);
        long runningOnB = count(postgres, "status = 'PROCESSING' AND lease_owner = '" + bId + "'");
        b.kill();
        log(t0, "SIGKILL node b while it ran " + runningOnB + " tasks");

        // wave 2 through A and C, then PostgreSQL freezes for longer than a lease while tasks run
        submit(nodes, List.of(0, 2), keys, 120, 210);
        Http.until(STARTUP, () -> count(postgres, "status = 'PROCESSING' AND progress > 0"),
                n -> n >= 3);
        long frozenWhileRunning = count(postgres, "status = 'PROCESSING'");
        long frozenAt = System.nanoTime();
        postgres.pause();
        try {
            // the outage itself is the point: it lasts a lease and a half, measured, not guessed
            TimeUnit.MILLISECONDS.sleep(LEASE_SECONDS * 1500L);
        } finally {
            postgres.resume();
        }
        log(t0, "PostgreSQL frozen for " + Duration.ofNanos(System.nanoTime() - frozenAt).toMillis() + " ms with "
                + frozenWhileRunning + " tasks processing");

        // node B comes back on its data directory (same node id), wave 3 goes through all three
        b.start(STARTUP);
        awaitBackends(b.http(), a.initialApiKey());
        assertEquals("node b kept its id across the crash", bId, b.nodeId());
        submit(nodes, List.of(0, 1, 2), keys, 210, TASKS);
        log(t0, "all " + accepted.size() + " tasks accepted");

        Http.until(ALL_DONE, () -> count(postgres, "status IN ('QUEUED', 'PROCESSING')"), n -> n == 0);
        log(t0, "all tasks ended");
        verify(nodes, postgres, bucket, gemini, ids, runningOnB, t0);
    }

    private void verify(List<KarafProcess> nodes, DebianPostgres postgres, S3Bucket bucket, GeminiSimulator gemini,
            Map<String, String> ids, long runningOnB, long t0) {
        assertEquals(TASKS, accepted.size());
        Map<String, String[]> rows = new HashMap<>(); // task id -> status, attempts, error code, retryable, charges
        for (String row : postgres.query(DATABASE, "SELECT t.id, t.status, t.attempts, coalesce(t.error_code, ''), "
                + "t.error_retryable, (SELECT count(*) FROM images_usage u WHERE u.task_id = t.id) FROM images_task t")) {
            String[] f = row.split("\\|", -1);
            rows.put(f[0], f);
        }
        assertTrue("every accepted task is in the database", rows.keySet().containsAll(accepted.keySet()));
        assertEquals("no task the test did not submit", TASKS, rows.size());

        Map<String, Long> calls = gemini.requests().stream()
                .collect(Collectors.groupingBy(GeminiSimulator.Seen::prompt, Collectors.counting()));
        assertEquals("Gemini simulator", List.of(), gemini.problems());
        int completed = 0;
        int failedRetryable = 0;
        int cancelled = 0;
        int retried = 0;
        long attempts = 0;
        long providerCalls = 0;
        List<String> wrong = new ArrayList<>();
        List<Accepted> finished = new ArrayList<>();
        for (Accepted t : accepted.values()) {
            String[] r = rows.get(t.taskId());
            String status = r[1];
            int tries = Integer.parseInt(r[2]);
            long charges = Long.parseLong(r[5]);
            long called = calls.getOrDefault(t.prompt(), 0L);
            attempts += tries;
            providerCalls += called;
            retried += tries > 1 ? 1 : 0;
            if (called > tries) {
                wrong.add(t.taskId() + " called the provider " + called + " times in " + tries + " attempts");
            }
            switch (status) {
                case "COMPLETED" -> {
                    completed++;
                    finished.add(t);
                    if (charges != 1) {
                        wrong.add(t.taskId() + " completed with " + charges + " charges");
                    }
                    if (called < 1) {
                        wrong.add(t.taskId() + " completed without a provider call");
                    }
                }
                case "FAILED" -> {
                    failedRetryable++;
                    if (!"t".equals(r[4]) || tries < MAX_ATTEMPTS) {
                        wrong.add(t.taskId() + " failed with " + r[3] + " (retryable " + r[4] + ") after " + tries
                                + " attempts");
                    }
                }
                case "CANCELLED" -> {
                    cancelled++;
                    if (!cancelledByTest.contains(t.taskId())) {
                        wrong.add(t.taskId() + " was cancelled, and nobody cancelled it");
                    }
                }
                default -> wrong.add(t.taskId() + " is " + status);
            }
            if (!"COMPLETED".equals(status) && charges != 0) {
                wrong.add(t.taskId() + " is " + status + " and was charged " + charges + " times");
            }
        }
        long processingEmbeds = Long.parseLong(postgres.query(DATABASE,
                "SELECT count(*) FROM images_embed WHERE status = 'PROCESSING'").get(0));

        // every finished embed from every node, each node a different format, so every format is read everywhere
        int downloads = 0;
        int i = 0;
        for (Accepted t : finished) {
            for (int n = 0; n < nodes.size(); n++) {
                String format = FORMATS.get((i + n) % FORMATS.size());
                Http.Response file = nodes.get(n).http().get("/embeds/" + t.embedId() + "/file?format=" + format,
                        t.apiKey());
                if (file.status() != 200 || file.body().length < 100) {
                    wrong.add(t.embedId() + " " + format + " from node " + "abc".charAt(n) + ": " + file.status());
                }
                downloads++;
            }
            i++;
        }
        Set<String> objects = bucket.keys();
        int expectedObjects = FORMATS.size() * completed;

        String summary = String.join("\n",
                "ThreeNodesIT result (nodes " + ids + ")",
                "  tasks accepted:                      " + accepted.size(),
                "  completed:                           " + completed,
                "  failed, retryable, max.attempts:     " + failedRetryable,
                "  cancelled (all by the test):         " + cancelled + " of " + cancelledByTest.size() + " asked",
                "  other statuses / processing embeds:  " + (TASKS - completed - failedRetryable - cancelled) + " / "
                        + processingEmbeds,
                "  tasks running on b at its SIGKILL:   " + runningOnB,
                "  tasks with more than one attempt:    " + retried,
                "  attempts / provider calls:           " + attempts + " / " + providerCalls,
                "  charges (completed, exactly one):    " + finished.size(),
                "  downloads (3 nodes x embed):         " + downloads,
                "  objects in the bucket / expected:    " + objects.size() + " / " + expectedObjects,
                "  problems:                            " + wrong.size(),
                "  run time:                            " + Duration.ofNanos(System.nanoTime() - t0).toSeconds()
                        + " s");
        System.out.println(summary);
        assertEquals(summary + "\n" + String.join("\n", wrong.stream().limit(30).toList()), List.of(), wrong);
        assertEquals(summary, TASKS, completed + failedRetryable + cancelled);
        assertEquals(summary, 0, processingEmbeds);
        assertEquals("orphan objects: " + summary, expectedObjects, objects.size());
        assertFalse("the test cancelled some tasks", cancelledByTest.isEmpty());
    }

    private static void configure(KarafProcess node, DebianPostgres postgres, String url, S3Proxy s3,
            TransitSimulator vault, GeminiSimulator gemini, String geminiKey) throws Exception {
        ProductionBackends.secretsInEnvironment(node, postgres);
        node.environment("IMAGES_IT_GEMINI_KEY", geminiKey);
        node.maxHeap("384m");
        node.writeConfig(ProductionBackends.DATA_SOURCE, ProductionBackends.database(url, postgres));
        node.writeConfig("images.storage.s3", ProductionBackends.s3(s3, BUCKET));
        node.writeConfig("images.keys.vault", ProductionBackends.vault(vault, ProductionBackends.VAULT_TOKEN_FROM_ENV,
                60));
        node.writeConfig("images.provider.google", Map.of(".api.key", "$[env:IMAGES_IT_GEMINI_KEY]",
                "base.url", gemini.baseUrl().toString(), "timeout.seconds", "60"));
        node.set("etc/images.tasks.cfg", "lease.seconds", String.valueOf(LEASE_SECONDS));
        node.set("etc/images.tasks.cfg", "max.attempts", String.valueOf(MAX_ATTEMPTS));
        node.set("etc/images.tasks.cfg", "poll.interval.ms", "250");
        node.set("etc/images.tasks.cfg", "retry.base.seconds", "1");
        node.set("etc/images.tasks.cfg", "retry.max.seconds", "5");
        node.set("etc/images.usage.cfg", "rate.per.minute", "0"); // 300 tasks in a few seconds: no rate limit
        node.addBootFeatures("images-storage-s3", "images-keys-vault", "images-provider-google");
    }

    /** Starts runtimes side by side: each waits for its own health. */
    private static void startAll(List<KarafProcess> nodes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> started = new ArrayList<>();
            for (KarafProcess node : nodes) {
                started.add(pool.submit(() -> {
                    node.start(STARTUP);
                    return null;
                }));
            }
            for (Future<?> f : started) {
                f.get(STARTUP.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Submits tasks {@code from..to-1}, round robin over the given nodes and all users, from a few client threads.
     * Each request has an Idempotency-Key and is sent again with it until it is accepted, as a client does after a
     * 503 or a lost connection: the task exists once either way.
     */
    private void submit(List<KarafProcess> nodes, List<Integer> via, List<String> keys, int from, int to)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int n = from; n < to; n++) {
                int number = n;
                sent.add(clients.submit(() -> {
                    int node = via.get(number % via.size());
                    String key = keys.get(number % keys.size());
                    String prompt = "cluster task " + number + " " + UUID.randomUUID();
                    String body = JSON.createObjectNode().put("prompt", prompt).put("aspect_ratio", "1:1").toString();
                    String idempotency = UUID.randomUUID().toString();
                    Http http = nodes.get(node).http();
                    Http.Response r = Http.until(Duration.ofSeconds(120), () -> attempt(() -> http.post(
                            "/apps/images/generate", key, body, "Idempotency-Key", idempotency)),
                            x -> x != null && x.status() == 202);
                    String taskId = r.json().get("task_id").asText();
                    accepted.put(taskId, new Accepted(taskId, r.json().get("embed_id").asText(), prompt, key, node));
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static <T> T attempt(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AssertionError connectionFailed) {
            return null;
        }
    }

    private static long count(DebianPostgres postgres, String where) {
        return Long.parseLong(postgres.query(DATABASE, "SELECT count(*) FROM images_task WHERE " + where).get(0));
    }

    private static void awaitBackends(Http http, String adminKey) {
        Http.until(STARTUP, () -> attempt(() -> http.get("/health", adminKey)), r -> r != null && r.status() == 200
                && r.json().path("checks").path("storage").asText().equals("s3: up")
                && r.json().path("checks").path("keys").asText().equals("vault: up")
                && r.json().path("checks").path("providers").asText().contains("google"));
    }

    private static void log(long t0, String what) {
        System.out.println(String.format("[ThreeNodesIT +%5.1f s] %s", (System.nanoTime() - t0) / 1e9, what));
    }
}
