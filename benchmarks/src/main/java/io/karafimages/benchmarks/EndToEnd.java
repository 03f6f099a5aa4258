package io.karafimages.benchmarks;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.providers.GeminiSimulator;

/**
 * One generation at a time, end to end in the runtime: from the task's {@code created_at} to its {@code updated_at}
 * (the provider's answer becoming three stored, labelled, signed, encrypted renditions), with a zero-latency Gemini
 * SIMULATOR answering a photo-like PNG of 1024x1024 ({@code image.size 1K}) or 2048x2048 ({@code 2K}). Each run is
 * followed by libwebp's own command-line encoder on the same PNG ({@code cwebp -q 90} for the full rendition, then
 * {@code cwebp -q 85 -resize} to the 600x400 preview box): interleaved, so both see the same machine. Prints every
 * run, the medians and their ratio.
 *
 * <p>Usage: {@code EndToEnd <karaf home> <api base> <api key>}; the Gemini key from {@code IMAGES_BENCH_GEMINI_KEY}.
 * Settings: {@code runs} (5), {@code sizes} ({@code 1024,2048}), {@code warmup} (20 tasks per size first).
 */
public final class EndToEnd {
    private static final String MODEL = "gemini-3-pro-image-preview";
    private static final Map<Integer, byte[]> PHOTOS = new ConcurrentHashMap<>();

    private EndToEnd() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: EndToEnd <karaf home> <api base> <api key>");
        }
        Path home = Path.of(args[0]);
        int runs = Integer.getInteger("runs", 5);
        int warmup = Integer.getInteger("warmup", 20);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(10)).build();
        LoadClients load = new LoadClients(http, args[1], args[2]);
        List<String> summary = new ArrayList<>();
        try (GeminiSimulator gemini = new GeminiSimulator(System.getenv("IMAGES_BENCH_GEMINI_KEY"), MODEL)) {
            gemini.finalImages((w, h) -> PHOTOS.computeIfAbsent(w, PhotoLikeImage::png));
            for (String s : System.getProperty("sizes", "1024,2048").split(",")) {
                int size = Integer.parseInt(s.trim());
                String imageSize = size >= 2048 ? "2K" : "1K";
                GenerateLoad.configureGemini(home, gemini, imageSize);
                GenerateLoad.awaitGemini(http, args[1], args[2]);
                Path png = Files.write(Files.createTempFile("e2e-" + size + "-", ".png"),
                        PHOTOS.computeIfAbsent(size, PhotoLikeImage::png));
                // warm-up (a server that has run for a while: the JIT intrinsifies AES-GCM only after a few hundred
                // MB), and proof that the provider now asks for this size (DS re-reads the cfg asynchronously)
                int warm = 0;
                for (int i = 0; i < warmup + 20; i++) {
                    one(load);
                    List<GeminiSimulator.Seen> seen = gemini.requests();
                    if (imageSize.equals(seen.get(seen.size() - 1).imageSize()) && ++warm >= warmup) {
                        break;
                    }
                }
                long[] ours = new long[runs];
                long[] cwebp = new long[runs];
                System.out.printf("%n== %dx%d, photo-like PNG of %d KB ==%n", size, size, Files.size(png) / 1024);
                for (int i = 0; i < runs; i++) {
                    ours[i] = one(load);
                    cwebp[i] = cwebp(png);
                    System.out.printf("run %d: task %d ms, cwebp full + preview %d ms%n", i + 1, ours[i], cwebp[i]);
                }
                long a = median(ours);
                long b = median(cwebp);
                String line = String.format("%dx%d: task median %d ms, cwebp median %d ms, ratio %.2f (target <= 1.3)",
                        size, size, a, b, (double) a / b);
                System.out.println(line);
                summary.add(line);
                Files.delete(png);
            }
        }
        System.out.println();
        summary.forEach(System.out::println);
        System.exit(0);
    }

    /** One generate, waited for; its server-side time in ms. */
    private static long one(LoadClients load) {
        LoadClients.Result posted;
        try {
            posted = load.run(LoadClients.Mode.BURST, 1, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (posted.taskIds().isEmpty()) {
            throw new IllegalStateException("the generate was not accepted: " + posted.statuses());
        }
        JsonNode task = load.awaitTerminal(posted.taskIds().get(0), System.nanoTime() + Duration.ofMinutes(2).toNanos());
        if (task == null || !"completed".equals(task.path("status").asText())) {
            throw new IllegalStateException("the task did not complete: " + task);
        }
        return Duration.between(Instant.parse(task.get("created_at").asText()),
                Instant.parse(task.get("updated_at").asText())).toMillis();
    }

    private static long cwebp(Path png) throws Exception {
        Path full = Files.createTempFile("e2e-full-", ".webp");
        Path preview = Files.createTempFile("e2e-preview-", ".webp");
        String box = "400"; // a square fits the 600x400 preview box at 400x400
        long start = System.nanoTime();
        run("cwebp", "-quiet", "-q", "90", png.toString(), "-o", full.toString());
        run("cwebp", "-quiet", "-q", "85", "-resize", box, box, png.toString(), "-o",
                preview.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        Files.delete(full);
        Files.delete(preview);
        return ms;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
