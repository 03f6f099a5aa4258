package io.karafimages.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.testsupport.DebianPostgres;
import io.karafimages.testsupport.S3Proxy;
import io.karafimages.testsupport.TransitSimulator;

/**
 * The distribution, as a process, on its production backends: PostgreSQL (Debian's server), S3 (s3proxy, a real
 * implementation of the S3 API on its file system) and Vault's Transit engine, which here is a SIMULATOR
 * ({@link TransitSimulator} of test-support, written from Vault's documented API): no real Vault or OpenBao can
 * be installed on the build machines, so nothing here proves how a real Vault behaves. The keys-vault module runs its
 * contract against a real Vault when VAULT_ADDR and VAULT_TOKEN are set.
 *
 * <p>Two runtimes, each doing what an operator does. The first is configured for all three backends before its
 * first start ({@code etc/*.cfg} with {@code $[env:...]} secrets, and the two optional features added to
 * {@code featuresBoot}; the distribution packages them in {@code system/}, so they resolve offline) and covers the
 * REST path, what is stored where, and outages of Vault and S3. The second starts on the embedded defaults, is
 * switched to S3 and Vault while it runs (cfg files written into {@code etc/}, {@code feature:install} through
 * {@code bin/client}), and then moves its file-system blobs to S3 with {@code images:storage-migrate}.
 */
public class ProductionBackendsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final List<String> FORMATS = List.of("original", "full", "preview");
    private static final Pattern OBJECT_KEY = Pattern.compile("[0-9a-f]{32}");
    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final String VAULT_TOKEN_FROM_ENV = ProductionBackends.VAULT_TOKEN_FROM_ENV;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static DebianPostgres postgres;
    private static S3Proxy s3;
    private static TransitSimulator vault;

    /** One finished generation: its ids and the three decrypted renditions as first downloaded. */
    private record Generated(String embedId, Map<String, byte[]> files) {
    }

    @BeforeClass
    public static void startBackends() throws IOException {
        work = Path.of("target", "production-it-" + System.nanoTime()).toAbsolutePath();
        postgres = DebianPostgres.start(work);
        s3 = new S3Proxy(work.resolve("s3")).start();
        vault = new TransitSimulator(Clock.systemUTC(), "transit");
    }

    @AfterClass
    public static void stopBackends() throws Exception {
        Exception first = null;
        for (AutoCloseable c : new AutoCloseable[] { vault, s3, postgres }) {
            try {
                if (c != null) {
                    c.close();
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
            throw first; // every server was still asked to stop
        }
    }

    @Test
    public void productionBackendsFromTheFirstStart() throws Exception {
        String url = postgres.createDatabase("images_production");
        try (KarafProcess karaf = new KarafProcess(work.resolve("karaf-production"));
                S3Bucket bucket = new S3Bucket(s3, "production")) {
            withSecretsInEnvironment(karaf);
            karaf.writeConfig(ProductionBackends.DATA_SOURCE, ProductionBackends.database(url, postgres));
            karaf.writeConfig("images.storage.s3", s3Config("production"));
            karaf.writeConfig("images.keys.vault", vaultConfig(VAULT_TOKEN_FROM_ENV));
            // S3 outage: two attempts in all (the pause between them is S3's Retry-After hint of 5 s, which wins
            // over retry.base.seconds), and a provider slow enough to stop S3 while the task is still painting
            karaf.set("etc/images.tasks.cfg", "max.attempts", "2");
            karaf.set("etc/images.tasks.cfg", "retry.base.seconds", "1");
            karaf.set("etc/images.provider.local.cfg", "latency.ms", "2000");
            karaf.addBootFeatures("images-storage-s3", "images-keys-vault");
            karaf.start();
            Http http = karaf.http();
            String key = karaf.initialApiKey();
            awaitBackends(http, key, "s3", "vault");

            String prompt = "a lighthouse at dusk, " + UUID.randomUUID();
            Generated first = generate(http, key, prompt);
            assertStoredAsCiphertext(bucket, bucket.keys(), 3);
            assertEquals("nothing on the local file system", Set.of(), filesUnder(karaf.home()
                    .resolve("data/images/blobs")));
            ProductionDatabase.assertHoldsNoSecrets(postgres, "images_production", prompt, bucket.keys(), first
                    .files().values(), vault.issuedDataKeys());

            keysOutage(karaf, http, key, first);
            storageOutage(http, key, bucket);
        }
    }

    @Test
    public void anEmbeddedInstanceSwitchesToS3AndVaultWhileRunningAndMovesItsFilesToS3() throws Exception {
        try (KarafProcess karaf = new KarafProcess(work.resolve("karaf-switch"));
                S3Bucket bucket = new S3Bucket(s3, "switched")) {
            withSecretsInEnvironment(karaf);
            karaf.enableShellUser("operator", UUID.randomUUID().toString());
            karaf.start();
            Http http = karaf.http();
            String key = karaf.initialApiKey();
            awaitBackends(http, key, "fs", "local");
            List<Generated> onFs = List.of(generate(http, key, "made on the embedded defaults"),
                    generate(http, key, "also made on the embedded defaults"));
            Path blobs = karaf.home().resolve("data/images/blobs");
            Set<String> fsObjects = filesUnder(blobs);
            assertEquals(fsObjects.toString(), 6, fsObjects.size());

            // the switch, while the runtime runs: configuration first, then the features
            karaf.writeConfig("images.storage.s3", s3Config("switched"));
            karaf.writeConfig("images.keys.vault", vaultConfig(VAULT_TOKEN_FROM_ENV));
            karaf.shell("feature:install images-storage-s3 images-keys-vault");
            awaitBackends(http, key, "s3", "vault");
            int dataKeys = vault.issuedDataKeys().size();
            Generated onS3 = generate(http, key, "made after the switch");
            assertEquals("its data key came from Vault", dataKeys + 1, vault.issuedDataKeys().size());
            assertEquals("no new files on the file system", fsObjects, filesUnder(blobs));
            Set<String> s3Objects = assertStoredAsCiphertext(bucket, bucket.keys(), 3);
            List<Generated> all = new ArrayList<>(onFs);
            all.add(onS3);
            all.forEach(g -> assertDownloadsUnchanged(http, key, g));

            String moved = karaf.shell("images:storage-migrate --delete-source fs s3");
            assertTrue(moved, moved.contains("Moved 2 embeds") && moved.contains("0 failed"));
            assertEquals("the file system is empty", Set.of(), filesUnder(blobs));
            Set<String> expected = new TreeSet<>(s3Objects);
            expected.addAll(fsObjects);
            assertStoredAsCiphertext(bucket, expected, 9);
            assertEquals("every fs object is now in the bucket", expected, bucket.keys());
            String again = karaf.shell("images:storage-migrate fs s3");
            assertTrue("nothing left to move: " + again, again.contains("Moved 0 embeds"));
            all.forEach(g -> assertDownloadsUnchanged(http, key, g));

            karaf.kill(); // H2 allows one process: stop the runtime to read what it recorded
            Map<String, List<String>> embeds = embedRows(karaf.home());
            for (Generated g : onFs) {
                List<String> row = embeds.get(g.embedId());
                assertEquals(row.toString(), List.of("local", "s3"), row.subList(0, 2));
                assertFalse(row.toString(), row.get(2).startsWith("vault:"));
            }
            List<String> row = embeds.get(onS3.embedId());
            assertEquals(row.toString(), List.of("vault", "s3"), row.subList(0, 2));
            assertTrue(row.toString(), row.get(2).startsWith("vault:v1:"));
        }
    }

    /** Vault down, sealed, and a wrong token: downloads fail closed with 503, and work again once Vault is back. */
    private static void keysOutage(KarafProcess karaf, Http http, String key, Generated g) throws IOException {
        String original = "/embeds/" + g.embedId() + "/file?format=original";
        vault.stop();
        try {
            assertKeysUnavailable(http.get(original, key));
            assertHealth(http, key, "keys", "vault: down: Vault unreachable at " + vault.address());
        } finally {
            vault.start();
        }
        assertArrayEquals(g.files().get("original"), http.get(original, key).body());

        vault.seal();
        try {
            assertKeysUnavailable(http.get(original, key));
            assertHealth(http, key, "keys", "vault: down: Vault is sealed");
        } finally {
            vault.unseal();
        }
        assertArrayEquals(g.files().get("original"), http.get(original, key).body());

        karaf.writeConfig("images.keys.vault", vaultConfig("not-the-vault-token"));
        try {
            Http.Response health = Http.until(DEADLINE, () -> http.get("/health", key),
                    r -> r.json().path("checks").path("keys").asText().contains("permission denied"));
            assertEquals(health.toString(), 503, health.status());
            assertEquals("vault: down: permission denied by Vault (check the token)",
                    health.json().path("checks").path("keys").asText());
        } finally {
            karaf.writeConfig("images.keys.vault", vaultConfig(VAULT_TOKEN_FROM_ENV));
        }
        awaitBackends(http, key, "s3", "vault");
        assertDownloadsUnchanged(http, key, g);
    }

    /** S3 stopped while a task paints: retried, then failed cleanly with nothing left in the bucket. */
    private static void storageOutage(Http http, String key, S3Bucket bucket) throws IOException {
        Set<String> before = bucket.keys();
        JsonNode accepted = http.post("/apps/images/generate", key, body("while S3 goes away")).json();
        String taskId = accepted.path("task_id").asText();
        String embedId = accepted.path("embed_id").asText();
        JsonNode painting = Http.until(DEADLINE, () -> http.get("/tasks/" + taskId, key).json(),
                t -> t.path("progress").asDouble() > 0);
        assertEquals(painting.toString(), "processing", painting.path("status").asText());
        assertTrue("still painting, nothing stored yet: " + painting, painting.path("progress").asDouble() < 0.85);
        s3.stop();
        try {
            JsonNode failed = http.awaitTask(taskId, key, DEADLINE);
            assertEquals(failed.toString(), "failed", failed.path("status").asText());
            assertEquals(failed.toString(), "storage_unavailable", failed.path("error").path("code").asText());
            assertTrue(failed.toString(), failed.path("error").path("retryable").asBoolean());
            assertEquals("retried once, then failed (max.attempts = 2)", List.of("2"), postgres.query(
                    "images_production", "SELECT attempts FROM images_task WHERE id = '" + taskId + "'"));
            assertEquals("error", http.get("/embeds/" + embedId, key).json().path("status").asText());
            assertEquals(409, http.get("/embeds/" + embedId + "/file", key).status());
            assertHealth(http, key, "storage", "s3: down: S3 unreachable");
        } finally {
            s3.start();
        }
        assertEquals("nothing of the failed task is in the bucket", before, bucket.keys());

        generate(http, key, "after S3 came back");
        Set<String> added = new TreeSet<>(bucket.keys());
        added.removeAll(before);
        assertStoredAsCiphertext(bucket, added, 3);
    }

    private static Generated generate(Http http, String key, String prompt) {
        JsonNode accepted = http.post("/apps/images/generate", key, body(prompt),
                "Idempotency-Key", UUID.randomUUID().toString()).json();
        JsonNode done = http.awaitTask(accepted.path("task_id").asText(), key, DEADLINE);
        assertEquals(done.toString(), "completed", done.path("status").asText());
        String embedId = accepted.path("embed_id").asText();
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String format : FORMATS) {
            Http.Response file = http.get("/embeds/" + embedId + "/file?format=" + format, key);
            assertEquals(format + ": " + file, 200, file.status());
            files.put(format, file.body());
        }
        assertEquals("image/png", contentType(http, key, embedId, "original"));
        assertEquals(0, indexOf(files.get("original"), PNG_SIGNATURE));
        for (String webp : List.of("full", "preview")) {
            assertEquals("image/webp", contentType(http, key, embedId, webp));
            assertTrue(webp, isWebp(files.get(webp)));
        }
        return new Generated(embedId, files);
    }

    private static void assertDownloadsUnchanged(Http http, String key, Generated g) {
        for (String format : FORMATS) {
            Http.Response file = http.get("/embeds/" + g.embedId() + "/file?format=" + format, key);
            assertEquals(format + ": " + file, 200, file.status());
            assertArrayEquals(g.embedId() + " " + format, g.files().get(format), file.body());
        }
    }

    /** Every object is ciphertext under an opaque name, typed application/octet-stream. */
    private static Set<String> assertStoredAsCiphertext(S3Bucket bucket, Set<String> objects, int expected) {
        assertEquals(objects.toString(), expected, objects.size());
        for (String object : objects) {
            assertTrue(object, OBJECT_KEY.matcher(object).matches());
            assertEquals(object, "application/octet-stream", bucket.contentType(object));
            byte[] stored = bucket.bytes(object);
            assertEquals(object + " holds a PNG", -1, indexOf(stored, PNG_SIGNATURE));
            assertFalse(object + " is a WebP", isWebp(stored));
        }
        return objects;
    }

    private static void assertKeysUnavailable(Http.Response r) {
        assertEquals(r.toString(), 503, r.status());
        assertTrue(r.header("Content-Type"), r.header("Content-Type").startsWith("application/problem+json"));
        assertEquals(r.toString(), "keys_unavailable", r.json().path("code").asText());
        assertTrue(r.toString(), r.json().path("retryable").asBoolean());
        assertTrue("Retry-After: " + r.header("Retry-After"), Integer.parseInt(r.header("Retry-After")) > 0);
    }

    /** Health answers are shared for 2 s, so a state reached a moment ago shows within that time. */
    /** Backend details are for an admin's key (security review L1); the initial key is admin's. */
    private static void assertHealth(Http http, String key, String check, String startsWith) {
        Http.Response health = Http.until(Duration.ofSeconds(10), () -> http.get("/health", key),
                r -> r.json().path("checks").path(check).asText().startsWith(startsWith));
        assertEquals(health.toString(), 503, health.status());
        String state = health.json().path("checks").path(check).asText();
        assertTrue(state, state.startsWith(startsWith));
    }

    private static void awaitBackends(Http http, String key, String storage, String keys) {
        Http.until(DEADLINE, () -> http.get("/health", key), r -> r.status() == 200
                && r.json().path("checks").path("storage").asText().equals(storage + ": up")
                && r.json().path("checks").path("keys").asText().equals(keys + ": up"));
    }

    private static void withSecretsInEnvironment(KarafProcess karaf) {
        ProductionBackends.secretsInEnvironment(karaf, postgres);
    }

    private static Map<String, String> s3Config(String bucket) {
        return ProductionBackends.s3(s3, bucket);
    }

    /** No key cache: every read asks Vault, so an outage shows at once (the default keeps keys for 60 s). */
    private static Map<String, String> vaultConfig(String token) {
        return ProductionBackends.vault(vault, token, 0);
    }

    private static String body(String prompt) {
        return JSON.createObjectNode().put("prompt", prompt).put("aspect_ratio", "16:9").toString();
    }

    private static String contentType(Http http, String key, String embedId, String format) {
        return http.send("HEAD", "/embeds/" + embedId + "/file?format=" + format, key, null).header("Content-Type");
    }

    /** File names (= object keys) of the fs store, at any depth. */
    private static Set<String> filesUnder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** embed id -> key backend, blob backend, wrapped key, from the H2 file of a stopped runtime. */
    private static Map<String, List<String>> embedRows(Path home) throws SQLException {
        String url = "jdbc:h2:file:" + home.resolve("data/images/db/images")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        Map<String, List<String>> rows = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url, "images", "");
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT id, key_backend, blob_backend, wrapped_key FROM images_embed")) {
            while (rs.next()) {
                rows.put(rs.getString(1), List.of(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return rows;
    }

    private static boolean isWebp(byte[] b) {
        return b.length > 12 && new String(b, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
                && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
