package io.karafimages.storage.s3.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for tests: s3proxy 4.1.0 (jclouds file-system provider, AWS v2/v4 signatures) run as a
 * separate process from its self-contained jar, on 127.0.0.1 and a free port. Its data lives in a directory
 * that survives {@link #stop()}, so a restarted server still has every object.
 */
final class S3ProxyServer implements AutoCloseable {
    static final String IDENTITY = "local-identity";
    static final String CREDENTIAL = "local-credential";

    private final Path dir;
    private final int port;
    private Process process;

    S3ProxyServer(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.identity=unused",
                "jclouds.credential=unused",
                "jclouds.filesystem.basedir=" + dir.resolve("data")) + "\n");
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    S3ProxyServer start() throws IOException {
        String jar = System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + ": run the tests through Maven");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx256m", "-jar", jar, "--properties",
                dir.resolve("s3proxy.properties").toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
                .start();
        await("s3proxy answering on " + endpoint()).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("s3proxy exited; see " + dir.resolve("s3proxy.log"));
                    }
                    return answers();
                });
        return this;
    }

    void stop() {
        if (process == null) {
            return;
        }
        // killed, not shut down politely: an outage does not announce itself either
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode() > 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Settings for a store on this server; tests adjust what they need. */
    S3Settings settings(String bucket, String secret, int thresholdMiB, int partMiB) {
        return new S3Settings(bucket, "us-east-1", endpoint(), true, IDENTITY, secret,
                (long) thresholdMiB * S3Settings.MIB, partMiB * S3Settings.MIB, Duration.ofSeconds(2),
                Duration.ofSeconds(30), 1, true, false);
    }

    S3Settings settings(String bucket) {
        return settings(bucket, CREDENTIAL, 8, 8);
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
