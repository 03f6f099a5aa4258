package io.karafimages.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.karafimages.testsupport.DebianPostgres;

/**
 * What the PostgreSQL database of a runtime must not hold, checked on a full {@code pg_dump} (every table, every
 * text and bytea column; bytea appears as hex): no prompt, no data key, no plaintext image and no plaintext embed
 * content (which would hold the renditions' SHA-256); object names only in the routing rows (V8).
 */
final class ProductionDatabase {
    private static final Pattern WEBP_HEADER_HEX = Pattern.compile("52494646[0-9a-f]{8}57454250");
    private static final String PNG_SIGNATURE_HEX = "89504e470d0a1a0a";
    /** A bytea value in pg_dump's COPY text: {@code \\x} and hex digits (the backslash is escaped). */
    private static final Pattern BYTEA_HEX = Pattern.compile("\\\\\\\\x[0-9a-f]{64,}");

    private ProductionDatabase() {
    }

    static void assertHoldsNoSecrets(DebianPostgres postgres, String database, String prompt,
            Collection<String> objectKeys, Collection<byte[]> plaintextFiles, List<byte[]> dataKeys) {
        String dump = postgres.dump(database);
        String lower = dump.toLowerCase(Locale.ROOT);
        assertTrue("the dump has the embed rows with their wrapped keys",
                dump.contains("COPY public.images_embed") && dump.contains("vault:v1:"));
        assertTrue("the dump has bytea values as hex, which the searches below rely on",
                BYTEA_HEX.matcher(dump).find());

        assertAbsent(dump, "the prompt", prompt);
        assertAbsent(lower, "the prompt (bytes)", hex(prompt.getBytes(StandardCharsets.UTF_8)));
        assertFalse("no data keys were issued?", dataKeys.isEmpty());
        for (byte[] key : dataKeys) {
            assertAbsent(dump, "a data key (base64)", Base64.getEncoder().encodeToString(key));
            assertAbsent(lower, "a data key (bytes)", hex(key));
        }
        // API.md "Embed content": the routing data (object key, size, dimensions, media type per file) may be in the
        // clear so that a download needs no decryption to find its object; since V8 it is, in images_embed_file, and
        // nowhere else.
        String routing = copyBlock(lower, "images_embed_file");
        String elsewhere = lower.replace(routing, "");
        for (String object : objectKeys) {
            assertTrue("the routing rows name " + object, routing.contains(object));
            assertAbsent(elsewhere, "an object name outside the routing rows", object);
            assertAbsent(lower, "an object name (bytes)", hex(object.getBytes(StandardCharsets.US_ASCII)));
        }
        for (byte[] file : plaintextFiles) {
            assertAbsent(lower, "a rendition's SHA-256", hex(sha256(file)));
        }
        assertAbsent(lower, "a PNG", PNG_SIGNATURE_HEX);
        assertFalse("a WebP in the database", WEBP_HEADER_HEX.matcher(lower).find());

        for (String row : postgres.query(database,
                "SELECT key_backend, substr(wrapped_key, 1, 9), blob_backend FROM images_embed")) {
            assertTrue("key wrapped by Vault, files in S3: " + row, row.equals("vault|vault:v1:|s3"));
        }
    }

    /** The rows of one table in pg_dump's output: from its COPY line to the terminating backslash-dot line. */
    private static String copyBlock(String dump, String table) {
        int start = dump.indexOf("copy public." + table + " ");
        assertTrue("the dump has the table " + table, start >= 0);
        int end = dump.indexOf("\n\\.\n", start);
        assertTrue("the COPY block of " + table + " ends", end > start);
        return dump.substring(start, end);
    }

    private static void assertAbsent(String dump, String what, String needle) {
        assertFalse(what + " is in the database", dump.contains(needle));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
