package io.karafimages.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;

/**
 * A SIMULATOR of the parts of HashiCorp Vault's HTTP API that the Vault key service uses. It is NOT Vault and
 * proves nothing about Vault itself: no real Vault or OpenBao can be installed on the build machines, so our tests
 * run against this, built from Vault's documented API (paths, JSON shapes, status codes and error texts). The
 * keys-vault module runs the same contract against a real Vault when VAULT_ADDR and VAULT_TOKEN are set
 * ({@code RealVaultContractTest}); the distribution's integration tests use only this simulator.
 *
 * <p>Served on 127.0.0.1: {@code sys/seal-status}; {@code auth/approle/login}; {@code auth/token/renew-self} and
 * {@code lookup-self}; {@code <mount>/keys/<name>} (create, read), {@code datakey/plaintext|wrapped/<name>},
 * {@code encrypt/<name>} (creates a missing key, as Vault's upsert does), {@code decrypt/<name>}. Tokens are
 * checked from {@code X-Vault-Token} (403 {@code permission denied}) and expire on the given clock; while
 * sealed every path but seal-status answers 503 {@code Vault is sealed}. Requests are counted per route.
 * {@link #stop()} and {@link #start()} take the server off the network and back on the same port, keeping its
 * keys and tokens (an outage, not a new Vault). Its state is in memory only. Thread-safe.
 */
public final class TransitSimulator implements AutoCloseable {
    /** A token that never expires and may do everything. */
    public static final String ROOT_TOKEN = "sim-root-token";

    private record Token(Instant expiresAt, Duration ttl, boolean renewable) {
        boolean valid(Instant now) {
            return expiresAt == null || now.isBefore(expiresAt);
        }
    }

    private record Role(String secretId, Duration ttl) {
    }

    private final Clock clock;
    private final String mount;
    private final int port;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final TransitEngine engine = new TransitEngine();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<byte[]> issuedDataKeys = new CopyOnWriteArrayList<>();
    private volatile boolean sealed;
    private HttpServer server;

    /**
     * Starts a simulator with the Transit engine at {@code mount} on a free port.
     *
     * @param clock decides when tokens expire (tests may move it instead of waiting)
     */
    public TransitSimulator(Clock clock, String mount) throws IOException {
        this.clock = clock;
        this.mount = mount;
        tokens.put(ROOT_TOKEN, new Token(null, Duration.ZERO, false));
        this.port = listen(0);
    }

    /** {@code http://127.0.0.1:<port>}, the same after {@link #stop()} and {@link #start()}. */
    public String address() {
        return "http://127.0.0.1:" + port;
    }

    /** Closes the listening socket: clients get "connection refused", as from a Vault that is down. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port, with the same keys and tokens. */
    public synchronized void start() throws IOException {
        if (server == null) {
            listen(port);
        }
    }

    public void seal() {
        sealed = true;
    }

    public void unseal() {
        sealed = false;
    }

    public void addAppRole(String roleId, String secretId, Duration tokenTtl) {
        roles.put(roleId, new Role(secretId, tokenTtl));
    }

    public boolean hasKey(String name) {
        return engine.exists(name);
    }

    /** Requests seen for a route such as {@code POST transit/decrypt} or {@code POST auth/approle/login}. */
    public int count(String route) {
        AtomicInteger n = counts.get(route);
        return n == null ? 0 : n.get();
    }

    /**
     * Copies of every plaintext data key handed out by {@code datakey/plaintext} (only a simulator can know them),
     * so tests can prove that no data key was stored anywhere.
     */
    public List<byte[]> issuedDataKeys() {
        return issuedDataKeys.stream().map(byte[]::clone).toList();
    }

    @Override
    public synchronized void close() {
        stop();
        executor.shutdownNow();
    }

    private synchronized int listen(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        s.createContext("/v1/", this::handle);
        s.setExecutor(executor);
        s.start();
        server = s;
        return s.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring("/v1/".length());
            String method = ex.getRequestMethod();
            JsonObject body = method.equals("GET") ? new JsonObject() : parse(ex.getRequestBody());
            counts.computeIfAbsent(method + " " + route(path), r -> new AtomicInteger()).incrementAndGet();
            if (path.equals("sys/seal-status")) {
                send(ex, 200, new JsonObject().add("type", "shamir").add("initialized", true).add("sealed", sealed)
                        .add("t", 1).add("n", 1).add("progress", 0).add("version", "simulator"));
            } else if (sealed) {
                error(ex, 503, "Vault is sealed");
            } else if (path.equals("auth/approle/login") && method.equals("POST")) {
                login(ex, body);
            } else {
                String token = ex.getRequestHeaders().getFirst("X-Vault-Token");
                Token t = token == null ? null : tokens.get(token);
                if (t == null || !t.valid(clock.instant())) {
                    error(ex, 403, "permission denied");
                } else {
                    authenticated(ex, method, path, body, token, t);
                }
            }
        } catch (RuntimeException e) {
            error(ex, 500, "simulator failure: " + e);
        }
    }

    private void authenticated(HttpExchange ex, String method, String path, JsonObject body, String token, Token t)
            throws IOException {
        String[] p = path.split("/");
        try {
            if (path.equals("auth/token/renew-self") && method.equals("POST")) {
                renew(ex, token, t);
            } else if (path.equals("auth/token/lookup-self")) {
                long left = t.expiresAt() == null ? 0 : Duration.between(clock.instant(), t.expiresAt()).toSeconds();
                send(ex, 200, logical(new JsonObject().add("id", token).add("ttl", left)
                        .add("renewable", t.renewable()).add("policies", Json.array("default", "images"))));
            } else if (p.length == 3 && p[0].equals(mount) && p[1].equals("keys")) {
                if (method.equals("POST") || method.equals("PUT")) {
                    engine.create(p[2], body.getString("type", "aes256-gcm96"));
                } else if (!engine.exists(p[2])) {
                    send(ex, 404, new JsonObject().add("errors", Json.array()));
                    return;
                }
                send(ex, 200, logical(new JsonObject().add("name", p[2]).add("type", "aes256-gcm96")
                        .add("latest_version", 1).add("derived", false).add("exportable", false)));
            } else if (p.length == 4 && p[0].equals(mount) && p[1].equals("datakey")) {
                dataKey(ex, p[2], p[3], body);
            } else if (p.length == 3 && p[0].equals(mount) && p[1].equals("encrypt")) {
                engine.create(p[2], "aes256-gcm96");
                byte[] plaintext = base64(body.getString("plaintext", null), "missing plaintext to encrypt");
                String ct = engine.encrypt(p[2], plaintext, aad(body));
                send(ex, 200, logical(new JsonObject().add("ciphertext", ct).add("key_version", 1)));
            } else if (p.length == 3 && p[0].equals(mount) && p[1].equals("decrypt")) {
                String ct = body.getString("ciphertext", null);
                if (ct == null) {
                    throw new TransitEngine.Refused("missing ciphertext to decrypt");
                }
                byte[] plaintext = engine.decrypt(p[2], ct, aad(body));
                send(ex, 200, logical(new JsonObject().add("plaintext",
                        Base64.getEncoder().encodeToString(plaintext))));
            } else {
                error(ex, 404, "no handler for route \"" + path + "\". route entry not found.");
            }
        } catch (TransitEngine.Refused e) {
            error(ex, 400, e.getMessage());
        }
    }

    private void dataKey(HttpExchange ex, String kind, String name, JsonObject body)
            throws IOException, TransitEngine.Refused {
        if (!kind.equals("plaintext") && !kind.equals("wrapped")) {
            throw new TransitEngine.Refused("Invalid path, must be 'plaintext' or 'wrapped'");
        }
        int bits = body.getInt("bits", 256);
        if (bits != 128 && bits != 256 && bits != 512) {
            throw new TransitEngine.Refused("invalid bit length");
        }
        if (!engine.exists(name)) {
            throw new TransitEngine.Refused("encryption key not found");
        }
        byte[] key = TransitEngine.random(bits / 8);
        JsonObject data = new JsonObject().add("ciphertext", engine.encrypt(name, key, new byte[0]))
                .add("key_version", 1);
        if (kind.equals("plaintext")) {
            issuedDataKeys.add(key.clone());
            data.add("plaintext", Base64.getEncoder().encodeToString(key));
        }
        send(ex, 200, logical(data));
    }

    private void login(HttpExchange ex, JsonObject body) throws IOException {
        Role role = roles.get(body.getString("role.id", ""));
        if (role == null || !role.secretId().equals(body.getString("secret.id", ""))) {
            error(ex, 400, "invalid role or secret ID");
            return;
        }
        String token = "hvs.sim-" + UUID.randomUUID();
        tokens.put(token, new Token(clock.instant().plus(role.ttl()), role.ttl(), true));
        send(ex, 200, auth(token, role.ttl(), true));
    }

    private void renew(HttpExchange ex, String token, Token t) throws IOException {
        if (!t.renewable()) {
            error(ex, 400, "lease is not renewable");
            return;
        }
        tokens.put(token, new Token(clock.instant().plus(t.ttl()), t.ttl(), true));
        send(ex, 200, auth(token, t.ttl(), true));
    }

    private static JsonObject auth(String token, Duration ttl, boolean renewable) {
        JsonObject auth = new JsonObject().add("client_token", token).add("accessor", "sim-" + token.hashCode())
                .add("policies", Json.array("default", "images")).add("token_policies", Json.array("default", "images"))
                .add("lease_duration", ttl.toSeconds()).add("renewable", renewable).add("token_type", "service");
        return new JsonObject().add("request_id", UUID.randomUUID().toString()).add("lease_id", "")
                .add("renewable", false).add("lease_duration", 0).add("data", Json.NULL).add("auth", auth);
    }

    private static JsonObject logical(JsonObject data) {
        return new JsonObject().add("request_id", UUID.randomUUID().toString()).add("lease_id", "")
                .add("renewable", false).add("lease_duration", 0).add("data", data).add("auth", Json.NULL);
    }

    private static byte[] aad(JsonObject body) throws TransitEngine.Refused {
        String ad = body.getString("associated_data", null);
        return ad == null ? new byte[0] : base64(ad, "invalid associated_data");
    }

    private static byte[] base64(String value, String problem) throws TransitEngine.Refused {
        try {
            if (value == null) {
                throw new TransitEngine.Refused(problem);
            }
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new TransitEngine.Refused("failed to base64-decode " + problem);
        }
    }

    private static String route(String path) {
        String[] p = path.split("/");
        return p.length >= 3 && !p[0].equals("auth") && !p[0].equals("sys")
                ? String.join("/", java.util.Arrays.copyOf(p, p.length - 1)) : path;
    }

    private static JsonObject parse(InputStream in) throws IOException {
        String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (s.isBlank()) {
            return new JsonObject();
        }
        JsonValue v = Json.parse(s);
        return v.isObject() ? v.asObject() : new JsonObject();
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, new JsonObject().add("errors", Json.array(message)));
    }

    private static void send(HttpExchange ex, int status, JsonObject json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
