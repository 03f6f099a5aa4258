package io.karafimages.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian's {@code postgresql} package, started on 127.0.0.1 on a free port in a
 * fresh data directory, for one test class. When the tests run as root the server runs as the {@code postgres}
 * OS user (initdb refuses root). Fails loudly when the package is missing: .ci/run installs it.
 */
public final class DebianPostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean root;

    private DebianPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.root = "root".equals(System.getProperty("user.name"));
    }

    public static DebianPostgres start(Path workDir) {
        Path bin = binaries();
        try {
            // under the system temp dir: the postgres OS user must be able to reach it when we run as root
            Path dir = Files.createTempDirectory("images-pg-");
            DebianPostgres pg = new DebianPostgres(bin, dir, freePort());
            pg.init();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL of a new, empty database. */
    public String createDatabase(String name) {
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                "images", name));
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The whole database as pg_dump writes it (plain SQL; bytea columns appear as hex {@code \\x...} in the COPY
     * data), for tests that look for what must not be stored.
     */
    public String dump(String database) {
        return run(List.of(bin.resolve("pg_dump").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                user(), "--no-owner", database));
    }

    /** The rows of a query as psql prints them unaligned: one row per line, columns separated by {@code |}. */
    public List<String> query(String database, String sql) {
        String out = run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                user(), "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-A", "-t", "-c", sql));
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    public String user() {
        return "images";
    }

    public String password() {
        return "images";
    }

    /** Stops the server (fast shutdown); {@link #restart()} starts it again on the same data and port. */
    public void stop() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                "stop"));
    }

    public void restart() {
        startServer();
    }

    /**
     * Freezes the server with SIGSTOP, the postmaster first (so it forks nothing new) and then every backend: open
     * connections stay open and queries hang, as on a server that stalls (I/O, a VM paused, a network partition
     * that drops nothing), while the clock it reports runs on. {@link #resume()} thaws it.
     */
    public void pause() {
        long postmaster = postmasterPid();
        signal("STOP", List.of(postmaster));
        signal("STOP", ProcessHandle.of(postmaster).orElseThrow().descendants().map(ProcessHandle::pid).toList());
    }

    /** Thaws a server frozen by {@link #pause()}: the backends first, then the postmaster. */
    public void resume() {
        long postmaster = postmasterPid();
        signal("CONT", ProcessHandle.of(postmaster).orElseThrow().descendants().map(ProcessHandle::pid).toList());
        signal("CONT", List.of(postmaster));
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("the server is not running", e);
        }
    }

    private void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> command.add(String.valueOf(p)));
        exec(command); // as this user: root may signal the postgres user's processes, anyone else owns them
    }

    /** Stops the server and deletes its data directory (about 150 MB under the system temp dir). */
    @Override
    public void close() {
        try {
            stop();
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover temp directory breaks nothing
        }
    }

    private void init() throws IOException {
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, password());
        if (root) {
            exec(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "images",
                "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--no-sync"));
        startServer();
    }

    private void startServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k "
                        + dir + " -c fsync=off", "-w", "start"));
    }

    private String run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        return exec(full);
    }

    /** Runs a command and returns its standard output; fails with its error output when it exits non-zero. */
    private String exec(List<String> full) {
        try {
            Path err = Files.createTempFile("images-pg-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(full).redirectError(err.toFile());
                pb.environment().put("PGPASSWORD", password());
                Process p = pb.start();
                p.getOutputStream().close();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(String.join(" ", full) + " failed:\n" + new String(out,
                            StandardCharsets.UTF_8) + Files.readString(err));
                }
                return new String(out, StandardCharsets.UTF_8).strip();
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.sorted(Comparator.reverseOrder()).map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl"))).findFirst().orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql: "
                    + "install Debian's 'postgresql' package (.ci/run does)", e);
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
