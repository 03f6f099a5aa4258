package io.karafimages.core.internal.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.karafimages.api.EmbedStatus;
import io.karafimages.api.FileInfo;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.store.EmbedFileRow;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.FileRoute;

/**
 * The routing rows of embed files (V8), as the contract classes run them on H2 and PostgreSQL: {@code store} is the
 * store under test, {@code reopen} opens a second store on the same database (a restart).
 */
final class EmbedFileRoutesTest {
    private EmbedFileRoutesTest() {
    }

    static EmbedRecord finished(String id, String owner) {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        return new EmbedRecord(id, owner, EmbedRecord.IMAGE, EmbedStatus.FINISHED, "local", "local:v1:" + id, "fs",
                new byte[] { 1 }, now, now);
    }

    static List<EmbedFileRow> rows(String embedId) {
        return List.of(
                new EmbedFileRow(embedId, RenditionFormat.ORIGINAL, "k-orig-" + embedId,
                        new FileInfo(1024, 768, 300_000L, "png", "image/png"), "t-orig"),
                new EmbedFileRow(embedId, RenditionFormat.FULL, "k-full-" + embedId,
                        new FileInfo(1024, 768, 120_000L, "webp", "image/webp"), "t-full"),
                new EmbedFileRow(embedId, RenditionFormat.PREVIEW, "k-prev-" + embedId,
                        new FileInfo(600, 450, 9_600L, "webp", "image/webp"), "t-prev"));
    }

    /** One read gives the embed's owner, state, key and backend and the requested rendition's row. */
    static void routesAreOneReadAndReplaceable(JdbcStore store) {
        store.createEmbed(finished("r1", "u1"));
        FileRoute bare = store.findFileRoute("r1", RenditionFormat.PREVIEW).orElseThrow();
        assertNull(bare.file(), "no routing row yet: a backfill is due");
        assertEquals("u1", bare.ownerId());
        assertEquals(EmbedStatus.FINISHED, bare.status());

        store.putEmbedFiles("r1", rows("r1"));
        store.putEmbedFiles("r1", rows("r1")); // a second writer (backfill after completion) changes nothing
        FileRoute route = store.findFileRoute("r1", RenditionFormat.PREVIEW).orElseThrow();
        assertEquals(rows("r1").get(2), route.file());
        assertEquals("fs", route.blobBackend());
        assertEquals("local:v1:r1", route.wrappedKey());
        assertEquals("local", route.keyBackend());
        assertEquals(EmbedRecord.IMAGE, route.type());
        assertEquals(3, store.findEmbedFiles("r1").size());
        assertTrue(store.findFileRoute("absent", RenditionFormat.PREVIEW).isEmpty());

        assertTrue(store.moveEmbedFiles("r1", "fs", "s3"));
        assertEquals("s3", store.findFileRoute("r1", RenditionFormat.FULL).orElseThrow().blobBackend(),
                "the backend is the embed's: a storage migration moves every file at once");

        assertThrows(RuntimeException.class, () -> store.putEmbedFiles("r1", rows("other")));
        assertEquals(3, store.findEmbedFiles("r1").size(), "a refused write leaves the rows as they were");

        assertTrue(store.deleteEmbed("r1"));
        assertTrue(store.findFileRoute("r1", RenditionFormat.PREVIEW).isEmpty());
        assertTrue(store.findEmbedFiles("r1").isEmpty(), "the routing rows go with the embed");
    }

    /**
     * A database at version 7 with a finished embed: starting this version applies V8, keeps the embed and reports
     * it without routing rows, so that its first download backfills them.
     */
    static void v8KeepsExistingEmbedsForTheirBackfill(JdbcStore store, Supplier<JdbcStore> reopen) throws Exception {
        store.createEmbed(finished("old", "u1"));
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            // back to version 7: undo what the later migrations (V9 key lifecycle, V11 reports) added, then V8's table
            s.execute("DROP TABLE images_report");
            s.execute("DROP INDEX images_api_key_user");
            s.execute("DROP INDEX images_api_key_prefix");
            for (String column : new String[] { "expires_at", "revoked_at", "last_used_at" }) {
                s.execute("ALTER TABLE images_api_key DROP COLUMN " + column);
            }
            s.execute("ALTER TABLE images_user DROP COLUMN disabled_at");
            s.execute("DROP TABLE images_embed_file");
            s.execute("DELETE FROM images_schema_version WHERE version >= 8");
        }
        try (JdbcStore restarted = reopen.get()) {
            FileRoute route = restarted.findFileRoute("old", RenditionFormat.ORIGINAL).orElseThrow();
            assertNull(route.file());
            assertEquals("u1", route.ownerId());
            restarted.putEmbedFiles("old", rows("old"));
            assertEquals("k-orig-old", restarted.findFileRoute("old", RenditionFormat.ORIGINAL).orElseThrow()
                    .file().objectKey());
        }
    }
}
