package io.karafimages.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes the embeds that {@code benchmarks/download.sh} downloads: {@code count} generations with the offline local
 * provider (the same prompts and aspect ratios on every run, so every configuration serves the same pictures),
 * waits until all are completed, checks that each preview downloads as a WebP, and writes the embed ids one per line.
 * It also uploads one photo-like 1024x1024 PNG per 4 generations and writes their ids to {@code <ids file>.full}: their
 * full renditions (about 300 KB) are what the full-size downloads fetch. With a fifth argument it stores each
 * decrypted preview (generations) and full rendition (uploads) at {@code <dir>/v1/embeds/<id>/file/<format>}, the
 * layout nginx serves the plaintext comparison from.
 *
 * <p>Usage: {@code GenerateEmbeds <api base, e.g. http://127.0.0.1:8181/v1> <api key> <count> <ids file> [plaintext dir]}
 */
public final class GenerateEmbeds {
    private static final List<String> ASPECT_RATIOS = List.of("16:9", "1:1", "9:16", "4:3", "3:2");
    private static final Duration DEADLINE = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    private GenerateEmbeds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: GenerateEmbeds <api base> <api key> <count> <ids file> [plaintext dir]");
        }
        String api = args[0];
        String key = args[1];
        int count = Integer.parseInt(args[2]);
        Path idsFile = Path.of(args[3]);
        Path plaintext = args.length > 4 ? Path.of(args[4]) : null;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long started = System.nanoTime();

        List<String[]> work = new ArrayList<>(); // task id, embed id
        for (int i = 0; i < count; i++) {
            String body = JSON.createObjectNode().put("prompt", "download benchmark picture " + i + ": a harbour at dusk")
                    .put("aspect_ratio", ASPECT_RATIOS.get(i % ASPECT_RATIOS.size())).toString();
            HttpResponse<String> r = http.send(request(api + "/apps/images/generate", key)
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("generate answered " + r.statusCode() + ": " + r.body());
            }
            JsonNode accepted = JSON.readTree(r.body());
            work.add(new String[] { accepted.path("task_id").asText(), accepted.path("embed_id").asText() });
        }

        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (String[] w : work) {
            while (true) {
                HttpResponse<String> r = http.send(request(api + "/tasks/" + w[0], key).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                String status = r.statusCode() == 200 ? JSON.readTree(r.body()).path("status").asText() : "";
                if (status.equals("completed")) {
                    break;
                }
                if (status.equals("failed") || status.equals("cancelled") || System.nanoTime() > deadline) {
                    throw new IllegalStateException("task " + w[0] + ": " + r.statusCode() + " " + r.body());
                }
                java.util.concurrent.TimeUnit.MILLISECONDS.sleep(200); // poll interval, bounded by the deadline
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long previewBytes = 0;
        List<String> ids = new ArrayList<>();
        for (String[] w : work) {
            ids.add(w[1]);
            previewBytes += fetch(http, api, key, w[1], "preview", plaintext);
        }
        Files.write(idsFile, ids, StandardCharsets.UTF_8);

        // The offline provider's pictures are flat and their full renditions small (about 40 KB): the full-size
        // downloads use photo-like uploads instead (1024x1024, about 300 KB as WebP), one per 4 generations.
        byte[] photo = PhotoLikeImage.png(1024);
        long fullBytes = 0;
        List<String> fullIds = new ArrayList<>();
        for (int i = 0; i < Math.max(1, count / 4); i++) {
            HttpResponse<String> r = http.send(request(api + "/embeds", key).header("Content-Type", "image/png")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
            }
            String id = JSON.readTree(r.body()).path("embed_id").asText();
            fullIds.add(id);
            fullBytes += fetch(http, api, key, id, "full", plaintext);
        }
        Files.write(Path.of(idsFile + ".full"), fullIds, StandardCharsets.UTF_8);
        System.out.printf("%d embeds generated in %.1f s, previews %d bytes on average; %d photo-like uploads, full "
                + "renditions %d bytes on average%n", count, seconds, previewBytes / Math.max(1, count),
                fullIds.size(), fullBytes / fullIds.size());
    }

    /** Downloads one rendition, checks it is a WebP, keeps a plaintext copy for nginx; returns its size. */
    private static long fetch(HttpClient http, String api, String key, String id, String format, Path plaintext)
            throws Exception {
        HttpResponse<byte[]> r = http.send(request(api + "/embeds/" + id + "/file?format=" + format, key).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] b = r.body();
        if (r.statusCode() != 200 || !isWebp(b)) {
            throw new IllegalStateException(format + " of " + id + ": " + r.statusCode() + ", " + b.length
                    + " bytes, not a WebP");
        }
        if (plaintext != null) {
            Path file = plaintext.resolve("v1/embeds/" + id + "/file/" + format);
            Files.createDirectories(file.getParent());
            Files.write(file, b);
        }
        return b.length;
    }

    private static HttpRequest.Builder request(String url, String key) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
    }

    private static boolean isWebp(byte[] b) {
        return b.length > 12 && new String(b, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
    }
}
