package io.karafimages.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The distribution run as its users run it: unpacked from the tar.gz and started with {@code bin/karaf server}
 * in its own process, so a test can kill it (SIGKILL, no shutdown hooks) and start it again on the same data.
 */
final class KarafProcess implements AutoCloseable {
    private final Path home;
    private final int port;
    private Process process;

    KarafProcess(Path workDir) throws IOException, InterruptedException {
        String version = System.getProperty("images.version");
        File tarGz = new File("../karaf-assembly/target/images-karaf-assembly-" + version + ".tar.gz");
        Files.createDirectories(workDir);
        run(List.of("tar", "xzf", tarGz.getAbsolutePath(), "-C", workDir.toString()));
        this.home = workDir.resolve("images-karaf-assembly-" + version);
        this.port = freePort();
        set("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(port));
        set("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort()));
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort()));
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort()));
    }

    /** Sets a property in an etc/ file, replacing an existing line. */
    void set(String file, String key, String value) throws IOException {
        Path f = home.resolve(file);
        List<String> lines = Files.exists(f) ? new ArrayList<>(Files.readAllLines(f)) : new ArrayList<>();
        Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*");
        lines.removeIf(l -> p.matcher(l).matches());
        lines.add(key + " = " + value);
        Files.write(f, lines, StandardCharsets.UTF_8);
    }

    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = pb.start();
        Http http = http();
        Http.until(Duration.ofSeconds(120), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Karaf exited; see " + home.resolve("console.log"));
            }
            try {
                return http.get("/health", null).status();
            } catch (AssertionError notYet) {
                return -1;
            }
        }, s -> s == 200);
    }

    /** Kills the runtime at once, as a crash or an OOM killer would. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
    }

    Http http() {
        return new Http(port);
    }

    String initialApiKey() throws IOException {
        return Files.readString(home.resolve("data/images/initial-api-key"), StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + command);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
