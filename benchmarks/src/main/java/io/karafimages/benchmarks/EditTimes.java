package io.karafimages.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.karafimages.testsupport.providers.RecraftSimulator;

/**
 * The driver of {@code benchmarks/edit-times.sh}: how long ONE edit takes in the running distribution, one at a time
 * (closed loop), per editing skill, per provider (Recraft, here a zero-latency {@link RecraftSimulator} from
 * test-support on loopback, so what is measured is this runtime; and the offline {@code local/} models), per source
 * size. Points the runtime's Recraft provider at the simulator by writing {@code etc/images.provider.recraft.cfg},
 * uploads photo-like PNGs with {@code POST /v1/embeds}, then for every cell runs {@code warmup} edits (not counted)
 * and {@code runs} measured ones. Server time is the task's {@code updated_at - created_at}; client time is from
 * sending the POST to seeing {@code completed} by polling the task every 20 ms.
 *
 * <p>Usage: {@code EditTimes <karaf home> <api base> <api key>}; the Recraft token comes from the environment
 * variable {@code IMAGES_BENCH_RECRAFT_KEY} (the runtime reads the same variable through {@code $[env:...]}).
 * Settings as system properties: {@code runs} (5), {@code warmup} (2), {@code sizes} ({@code 1024,2048}). Exit
 * status 1 when an edit failed, the simulator saw an invalid request or Recraft was not called once per Recraft edit.
 */
public final class EditTimes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration EDIT_LIMIT = Duration.ofSeconds(180);
    private static final String MASK = "{\"shapes\":[{\"type\":\"ellipse\",\"x\":0.3,\"y\":0.3,\"w\":0.3,\"h\":0.3}]}";
    // the photo-like image has no plain background for the skill to find by itself: the mask marks a frame around
    // a central subject as the background (white = generate)
    private static final String BACKGROUND = "{\"shapes\":[{\"type\":\"rect\",\"x\":0,\"y\":0,\"w\":1,\"h\":0.2},"
            + "{\"type\":\"rect\",\"x\":0,\"y\":0.8,\"w\":1,\"h\":0.2},{\"type\":\"rect\",\"x\":0,\"y\":0.2,\"w\":0.2,"
            + "\"h\":0.6},{\"type\":\"rect\",\"x\":0.8,\"y\":0.2,\"w\":0.2,\"h\":0.6}]}";

    /** One editing skill: its id, its offline model and the body fields besides image and model. */
    private record Skill(String id, String localModel, String fields) {
    }

    private static final List<Skill> SKILLS = List.of(
            new Skill("edit_inpaint", "local/procedural-inpaint-v1",
                    "{\"mask\":" + MASK + ",\"prompt\":\"a red umbrella\"}"),
            new Skill("edit_replace_background", "local/procedural-background-v1",
                    "{\"prompt\":\"a sunny beach with palm trees\"}"),
            new Skill("edit_generate_background", "local/neutral-background-v1", "{\"mask\":" + BACKGROUND + "}"),
            new Skill("edit_image_to_image", "local/procedural-img2img-v1",
                    "{\"prompt\":\"the same scene as a watercolour\",\"strength\":0.5}"),
            new Skill("edit_erase_region", "local/telea-erase-v1", "{\"mask\":" + MASK + "}"),
            new Skill("variate", "local/variate-v1", "{}"),
            new Skill("upscale", "local/lanczos-upscale-v1", "{\"mode\":\"crisp\",\"scale\":2}"),
            new Skill("remove_background", "local/segmentation-cutout-v1", "{}"),
            new Skill("vectorize", "local/trace-vectorize-v1", "{}"));

    /** What one cell (skill, provider, size) measured; failures as readable lines. */
    private record Cell(Skill skill, boolean offline, int size, long[] serverMs, long[] clientMs, List<String> failed,
            String model, String lastEmbed) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String api;
    private final String key;

    private EditTimes(String api, String key) {
        this.api = api;
        this.key = key;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: EditTimes <karaf home> <api base> <api key>");
        }
        int runs = Integer.getInteger("runs", 5);
        int warmup = Integer.getInteger("warmup", 2);
        int[] sizes = Arrays.stream(System.getProperty("sizes", "1024,2048").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        EditTimes bench = new EditTimes(args[1], args[2]);
        boolean ok;
        try (RecraftSimulator recraft = new RecraftSimulator(System.getenv("IMAGES_BENCH_RECRAFT_KEY"))) {
            configureRecraft(Path.of(args[0]), recraft);
            bench.awaitRecraft();
            System.out.printf("Recraft provider configured against the SIMULATOR at %s (zero latency)%n",
                    recraft.baseUrl());
            Map<Integer, String> sources = new LinkedHashMap<>();
            for (int size : sizes) {
                sources.put(size, bench.upload(PhotoLikeImage.png(size)));
            }
            List<Cell> cells = new ArrayList<>();
            List<String> only = List.of(System.getProperty("skills", "").split(","));
            for (Skill skill : SKILLS) {
                if (!only.get(0).isEmpty() && !only.contains(skill.id())) {
                    continue;
                }
                for (boolean offline : new boolean[] { false, true }) {
                    for (int size : sizes) {
                        Cell cell = bench.cell(skill, offline, size, sources.get(size), warmup, runs);
                        System.out.printf("  done %-24s %-8s %d: %d ok, %d failed%n", skill.id(),
                                offline ? "offline" : "recraft", size, cell.serverMs().length, cell.failed().size());
                        cells.add(cell);
                    }
                }
            }
            ok = report(cells, recraft, warmup + runs);
            if (only.get(0).isEmpty() || only.contains("vectorize")) {
                ok &= bench.logo(warmup, runs);
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private Cell cell(Skill skill, boolean offline, int size, String source, int warmup, int runs) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(skill.fields());
        body.putObject("image").put("embed_id", source);
        if (offline) {
            body.put("model", skill.localModel());
        }
        List<String> failed = new ArrayList<>();
        List<Long> server = new ArrayList<>();
        List<Long> client = new ArrayList<>();
        String lastEmbed = null;
        for (int i = 0; i < warmup + runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(request("/apps/images/" + skill.id())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                failed.add("POST " + r.statusCode() + " " + r.body());
                continue;
            }
            String taskId = JSON.readTree(r.body()).get("task_id").asText();
            JsonNode task = awaitEnd(taskId, t0 + EDIT_LIMIT.toNanos());
            long clientNanos = System.nanoTime() - t0;
            String status = task == null ? "unknown" : task.path("status").asText();
            if (!"completed".equals(status)) {
                failed.add("task " + taskId + " " + status + " " + (task == null ? "" : task.path("error")));
                continue;
            }
            lastEmbed = task.path("embed_id").asText();
            if (i >= warmup) {
                server.add(Duration.between(Instant.parse(task.get("created_at").asText()),
                        Instant.parse(task.get("updated_at").asText())).toMillis());
                client.add(clientNanos / 1_000_000);
            }
        }
        String model = lastEmbed == null ? "-" : get("/embeds/" + lastEmbed + "/content").map(c -> c.path("model")
                .asText("?")).orElse("?");
        return new Cell(skill, offline, size, sorted(server), sorted(client), failed, model, lastEmbed);
    }

    /**
     * The vectorize reference: the 512x512 logo traced offline and by Recraft's simulator, timed like the
     * cells, with what the SVG holds (paths, nodes, fill colours) against the logo's colour count.
     */
    private boolean logo(int warmup, int runs) throws Exception {
        String source = upload(LogoVectorize.png());
        Skill vectorize = SKILLS.stream().filter(s -> s.id().equals("vectorize")).findFirst().orElseThrow();
        System.out.printf("%nvectorize of a %dx%d logo in %d colours (antialiased):%n", LogoVectorize.SIZE,
                LogoVectorize.SIZE, LogoVectorize.inputColours());
        System.out.printf("%-8s %-26s %11s %6s %6s %9s %6s %8s%n", "provider", "model", "server p50", "paths",
                "nodes", "commands", "fills", "bytes");
        boolean ok = true;
        for (boolean offline : new boolean[] { true, false }) {
            Cell cell = cell(vectorize, offline, LogoVectorize.SIZE, source, warmup, runs);
            ok &= cell.failed().isEmpty();
            HttpResponse<String> svg = http.send(request("/embeds/" + cell.lastEmbed() + "/file?format=original")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            LogoVectorize.Counts c = LogoVectorize.count(svg.body());
            System.out.printf("%-8s %-26s %8d ms %6d %6d %9d %6d %8d%n", offline ? "offline" : "recraft", cell.model(),
                    median(cell.serverMs()), c.paths(), c.nodes(), c.commands(), c.fills(), c.bytes());
        }
        System.out.println("(recraft: the simulator's block tracing, not Recraft's vectorizer; nodes = coordinate "
                + "pairs in the path data, control points included)");
        return ok;
    }

    /** The task's JSON once it is terminal, polled every 20 ms; its last state when the deadline passes. */
    private JsonNode awaitEnd(String taskId, long deadlineNanos) {
        Optional<JsonNode> task = get("/tasks/" + taskId);
        while (task.isEmpty() || !List.of("completed", "failed", "cancelled").contains(
                task.get().path("status").asText())) {
            if (System.nanoTime() > deadlineNanos) {
                return task.orElse(null);
            }
            LockSupport.parkNanos(POLL.toNanos());
            task = get("/tasks/" + taskId);
        }
        return task.get();
    }

    private static boolean report(List<Cell> cells, RecraftSimulator recraft, int editsPerCell) {
        System.out.printf("%n%-24s %-8s %-5s %-30s %11s %8s %11s%n", "skill", "provider", "size", "model",
                "server p50", "max", "client p50");
        int failed = 0;
        int recraftEdits = 0;
        for (Cell c : cells) {
            System.out.printf("%-24s %-8s %-5d %-30s %8d ms %5d ms %8d ms%n", c.skill().id(),
                    c.offline() ? "offline" : "recraft", c.size(), c.model(), median(c.serverMs()), max(c.serverMs()),
                    median(c.clientMs()));
            failed += c.failed().size();
            recraftEdits += c.offline() ? 0 : editsPerCell - c.failed().size();
        }
        System.out.printf("%nfailed tasks: %d%n", failed);
        cells.forEach(c -> c.failed().stream().limit(5).forEach(f -> System.out.printf("  %s %s %d: %s%n",
                c.skill().id(), c.offline() ? "offline" : "recraft", c.size(), f)));
        List<String> problems = recraft.problems();
        System.out.printf("Recraft simulator: %d calls (%d completed Recraft edits, warm-up included); problems: %s%n",
                recraft.totalCalls(), recraftEdits, problems);
        return failed == 0 && problems.isEmpty() && recraft.totalCalls() == recraftEdits;
    }

    private String upload(byte[] png) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request("/embeds").header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("embed_id").asText();
    }

    /** Waits until the skills listing names provider recraft for edit_inpaint (the cfg is applied while running). */
    private void awaitRecraft() {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!get("/apps/images/skills").map(EditTimes::recraftInpaints).orElse(false)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the Recraft provider did not start within 120 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static boolean recraftInpaints(JsonNode skills) {
        for (JsonNode s : skills) {
            if ("edit_inpaint".equals(s.path("id").asText())) {
                for (JsonNode p : s.path("providers")) {
                    if ("recraft".equals(p.asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A GET's JSON; empty on a transport error or a non-200 answer. */
    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(60));
    }

    /** Writes etc/images.provider.recraft.cfg atomically; Karaf's file installer applies it while running. */
    private static void configureRecraft(Path home, RecraftSimulator recraft) throws IOException {
        Path cfg = home.resolve("etc/images.provider.recraft.cfg");
        Path tmp = home.resolve("etc/.images.provider.recraft.cfg.tmp");
        Files.write(tmp, List.of("# the Recraft SIMULATOR of edit-times.sh (zero latency), not Recraft",
                ".api.key = $[env:IMAGES_BENCH_RECRAFT_KEY]", "base.url = " + recraft.baseUrl()),
                StandardCharsets.UTF_8);
        Files.move(tmp, cfg, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static long[] sorted(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long median(long[] sorted) {
        return sorted.length == 0 ? -1 : (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    private static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }
}
