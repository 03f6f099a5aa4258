package io.karafimages.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.karafimages.testsupport.S3Proxy;
import io.karafimages.testsupport.TransitSimulator;

/**
 * The backends of {@code benchmarks/download.sh}, for as long as this process lives: s3proxy 4.1.0 (a real S3 API
 * server, its own process, on its file system) and a SIMULATOR of Vault's Transit HTTP API ({@link TransitSimulator},
 * in this JVM, on loopback). The simulator is NOT Vault: figures measured against it show the cost of our Vault
 * client and its key cache on loopback, not what a real Vault adds.
 *
 * <p>Usage: {@code DownloadBackends <work dir>} (system property {@code s3proxy.jar}). Writes into the work dir
 * <ul>
 * <li>{@code etc-s3/images.storage.s3.cfg} and {@code etc-vault/images.keys.vault.cfg}, to copy into a distribution's
 * {@code etc/}; their secrets are {@code $[env:...]} placeholders named in {@code backends.env};</li>
 * <li>{@code backends.env}: shell assignments of those secrets and of {@code BENCH_CONTROL}, the address of a small
 * HTTP endpoint whose {@code GET /counts} answers the simulator's request counts ({@code decrypt N}, ...);</li>
 * <li>{@code backends.ready} last, once everything answers.</li>
 * </ul>
 * Stops both servers on SIGTERM (shutdown hook).
 */
public final class DownloadBackends {
    private static final String MOUNT = "transit";
    private static final Map<String, String> ROUTES = Map.of(
            "decrypt", "POST " + MOUNT + "/decrypt",
            "datakey", "POST " + MOUNT + "/datakey/plaintext",
            "encrypt", "POST " + MOUNT + "/encrypt");

    private DownloadBackends() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DownloadBackends <work dir>");
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(work);
        S3Proxy s3 = new S3Proxy(work.resolve("s3"));
        TransitSimulator vault = new TransitSimulator(Clock.systemUTC(), MOUNT);
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            vault.close();
            s3.close();
        }, "stop-backends"));
        s3.start();

        control.createContext("/counts", ex -> {
            StringBuilder b = new StringBuilder();
            ROUTES.forEach((name, route) -> b.append(name).append(' ').append(vault.count(route)).append('\n'));
            byte[] body = b.toString().getBytes(StandardCharsets.US_ASCII);
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            try (ex) {
                ex.getResponseBody().write(body);
            }
        });
        control.start();

        write(work.resolve("etc-s3/images.storage.s3.cfg"), List.of(
                "# s3proxy " + s3.endpoint() + " (a real S3 API server on its file system), written by DownloadBackends",
                "bucket = download-bench",
                "region = us-east-1",
                "endpoint = " + s3.endpoint(),
                "path.style.access = true",
                "access.key.id = " + S3Proxy.IDENTITY,
                ".secret.access.key = $[env:BENCH_S3_SECRET]"));
        write(work.resolve("etc-vault/images.keys.vault.cfg"), List.of(
                "# the Vault Transit SIMULATOR at " + vault.address() + " (not a real Vault), written by DownloadBackends",
                "address = " + vault.address(),
                "transit.mount = " + MOUNT,
                "auth.method = token",
                ".token = $[env:BENCH_VAULT_TOKEN]",
                "cache.ttl.seconds = 60"));
        write(work.resolve("backends.env"), List.of(
                "BENCH_S3_SECRET=" + S3Proxy.CREDENTIAL,
                "BENCH_VAULT_TOKEN=" + TransitSimulator.ROOT_TOKEN,
                "BENCH_S3_ENDPOINT=" + s3.endpoint(),
                "BENCH_VAULT_ADDR=" + vault.address(),
                "BENCH_CONTROL=http://127.0.0.1:" + control.getAddress().getPort()));
        write(work.resolve("backends.ready"), List.of("ready"));
        System.out.println("s3proxy at " + s3.endpoint() + ", Vault Transit SIMULATOR at " + vault.address());
        Thread.currentThread().join(); // until SIGTERM
    }

    /** Writes a file atomically (a temporary file renamed over it). */
    private static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
