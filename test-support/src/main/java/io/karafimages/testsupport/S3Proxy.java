package io.karafimages.testsupport;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real S3 API server for tests: s3proxy 4.1.0 (jclouds file-system provider, AWS v2/v4 signatures) run as a
 * separate process from its self-contained jar, on 127.0.0.1 and a free port chosen once. Its data lives in a
 * directory that survives {@link #stop()}, so a restarted server (same port, same credentials) still has every
 * object: tests use that to simulate an S3 outage.
 *
 * <p>The jar ({@code org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies}) is not a classpath dependency (it bundles
 * its own Jetty, jclouds and Jackson): a module that uses this class copies it with maven-dependency-plugin and
 * names it in the system property {@code s3proxy.jar} (default {@code target/s3proxy/s3proxy.jar}). Not
 * thread-safe: one test thread starts and stops it.
 */
public final class S3Proxy implements AutoCloseable {
    /** The access key id s3proxy accepts. */
    public static final String IDENTITY = "local-identity";
    /** The secret access key that goes with {@link #IDENTITY}. */
    public static final String CREDENTIAL = "local-credential";
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private Process process;

    /** Prepares (does not start) a server whose objects live under {@code dir/data}. */
    public S3Proxy(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        Files.createDirectories(dataDirectory());
        Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.identity=unused",
                "jclouds.credential=unused",
                "jclouds.filesystem.basedir=" + dataDirectory()) + "\n");
    }

    /** {@code http://127.0.0.1:<port>}, the same before and after a restart. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The file-system backing: one directory per bucket, one file per object. */
    public Path dataDirectory() {
        return dir.resolve("data");
    }

    /** Starts the server and returns once it answers HTTP; fails if it exits or does not answer within 60 s. */
    public S3Proxy start() throws IOException {
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
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited; see " + dir.resolve("s3proxy.log"));
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("s3proxy did not answer on " + endpoint() + " within " + READY_WITHIN);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return this;
    }

    /** Kills the server (no polite shutdown: an outage does not announce itself either); objects stay on disk. */
    public void stop() {
        if (process == null) {
            return;
        }
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
}
