package io.karafimages.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The distribution run as its users run it: unpacked from the tar.gz and started with {@code bin/karaf server}
 * in its own process, so a test can kill it (SIGKILL, no shutdown hooks) and start it again on the same data.
 * Operators' tools are at hand too: {@code etc/} files, the process environment (for {@code $[env:...]}
 * placeholders) and the Karaf shell through {@code bin/client}.
 */
final class KarafProcess implements AutoCloseable {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");
    private final Path home;
    private final int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String shellUser;
    private String shellPassword;
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

    /**
     * Writes {@code etc/<pid>.cfg} as a whole, atomically (a temporary file renamed over it): Karaf's file
     * installer, which watches {@code etc/} while the runtime runs, never sees half a file.
     */
    void writeConfig(String pid, Map<String, String> properties) throws IOException {
        List<String> lines = new ArrayList<>();
        properties.forEach((k, v) -> lines.add(k + " = " + v));
        Path tmp = home.resolve("etc/." + pid + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, home.resolve("etc/" + pid + ".cfg"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** An environment variable of the runtime (takes effect at the next {@link #start()}). */
    void environment(String name, String value) {
        environment.put(name, value);
    }

    /** The JVM's maximum heap ({@code JAVA_MAX_MEM} of bin/karaf, e.g. {@code 384m}), from the next start on. */
    void maxHeap(String size) {
        environment("JAVA_MAX_MEM", size);
    }

    /** The task engine's node id, as the runtime logged it when its engine (last) started. */
    String nodeId() throws IOException {
        Pattern started = Pattern.compile("Task engine started on (\\S+) with");
        String id = null;
        for (String line : Files.readAllLines(home.resolve("data/log/karaf.log"), StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = started.matcher(line);
            if (m.find()) {
                id = m.group(1);
            }
        }
        if (id == null) {
            throw new AssertionError("no task engine start in " + home.resolve("data/log/karaf.log"));
        }
        return id;
    }

    /** Adds features to {@code featuresBoot}, as an operator does before the first start. */
    void addBootFeatures(String... features) throws IOException {
        Path f = home.resolve("etc/org.apache.karaf.features.cfg");
        String cfg = Files.readString(f, StandardCharsets.UTF_8);
        String start = "featuresBoot = \\\n";
        if (!cfg.contains(start)) {
            throw new IllegalStateException("no multi-line featuresBoot in " + f);
        }
        StringBuilder added = new StringBuilder(start);
        for (String feature : features) {
            added.append("    ").append(feature).append(", \\\n");
        }
        Files.writeString(f, cfg.replace(start, added), StandardCharsets.UTF_8);
    }

    /**
     * Enables a shell user in {@code etc/users.properties} (the distribution ships every user commented out, as
     * Karaf does), so that {@link #shell} can log in with {@code bin/client}.
     */
    void enableShellUser(String user, String password) throws IOException {
        Files.writeString(home.resolve("etc/users.properties"), "\n" + user + " = " + password + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        this.shellUser = user;
        this.shellPassword = password;
    }

    /** Adds a shell user with exactly these roles (e.g. {@code viewer, ssh}), as an operator would. */
    void addShellUser(String user, String password, String... roles) throws IOException {
        Files.writeString(home.resolve("etc/users.properties"), "\n" + user + " = " + password + ","
                + String.join(",", roles) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** What one {@code bin/client} run printed (colours removed) and its exit code. */
    record ShellResult(int exitCode, String output) {
    }

    /**
     * Runs one Karaf shell command through {@code bin/client} (SSH to this runtime) as the user enabled with
     * {@link #enableShellUser} and returns its output without colours; a non-zero exit fails.
     */
    String shell(String command) throws IOException, InterruptedException {
        if (shellUser == null) {
            throw new IllegalStateException("enableShellUser first");
        }
        ShellResult result = shellAs(shellUser, shellPassword, command);
        if (result.exitCode() != 0) {
            throw new AssertionError("bin/client '" + command + "' exited with " + result.exitCode() + ": "
                    + result.output());
        }
        return result.output();
    }

    /**
     * Runs one Karaf shell command as the given user. bin/client ends its session early when its standard input
     * is already at end-of-file, so the pipe stays open until the command is done.
     */
    ShellResult shellAs(String user, String password, String command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "client-", ".out");
        ProcessBuilder pb = new ProcessBuilder("bin/client", "-u", user, "-p", password, "-r", "10", "-d",
                "1", command).directory(home.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = pb.start();
        try {
            if (!client.waitFor(120, TimeUnit.SECONDS)) {
                client.destroyForcibly();
                throw new AssertionError("bin/client '" + command + "' did not finish: " + Files.readString(out));
            }
        } finally {
            client.getOutputStream().close();
        }
        return new ShellResult(client.exitValue(),
                ANSI.matcher(Files.readString(out, StandardCharsets.UTF_8)).replaceAll(""));
    }

    Path home() {
        return home;
    }

    void start() throws IOException {
        start(Duration.ofSeconds(120));
    }

    /** Starts the runtime and waits up to {@code ready} for its health to answer 200. */
    void start(Duration ready) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bin/karaf", "server").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("console.log").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(environment);
        process = pb.start();
        Http http = http();
        Http.until(ready, () -> {
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
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        // The JVM is a child of the bin/karaf script: wait until it is gone too, so that its files (the H2
        // database lock, ports) are released before the test looks at them or starts the runtime again.
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("process " + child.pid() + " did not exit after SIGKILL", e);
            }
        }
    }

    Http http() {
        return new Http(port);
    }

    /** The HTTP port (the web app is at http://127.0.0.1:port/). */
    int port() {
        return port;
    }

    String initialApiKey() throws IOException {
        return Files.readString(home.resolve("data/images/initial-api-key"), StandardCharsets.UTF_8).trim();
    }

    /** Closes each of {@code resources} that is not null, in order, even when one fails; rethrows the first failure. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
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
