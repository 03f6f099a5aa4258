package io.karafimages.core.internal.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.Cost;
import io.karafimages.api.EmbedStatus;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.store.ApiKeyRecord;
import io.karafimages.core.internal.store.ApiKeyRepository;
import io.karafimages.core.internal.store.EmbedRecord;
import io.karafimages.core.internal.store.SessionRecord;
import io.karafimages.core.internal.store.ReportRecord;
import io.karafimages.core.internal.store.ReportRepository;
import io.karafimages.core.internal.store.SessionRepository;
import io.karafimages.core.internal.store.Keyset;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;
import io.karafimages.core.internal.store.UsageRecord;
import io.karafimages.core.internal.store.UserRecord;

/** The store's contract, run on H2 and on a real PostgreSQL (subclasses). */
abstract class JdbcStoreContract {
    protected final JdbcStore store;
    protected final Instant now = Instant.ofEpochMilli(System.currentTimeMillis());

    JdbcStoreContract() throws Exception {
        store = newStore();
    }

    /** A store on a new, empty database. */
    protected abstract JdbcStore newStore() throws Exception;

    /** A second store on the same database, as a second node would have. */
    protected abstract JdbcStore sameDatabase() throws Exception;

    @AfterEach
    void close() {
        store.close();
    }

    /**
     * No index of the busy tables is a leading part of another one on the same table: every insert and update
     * writes each index, so one that a longer index answers is pure cost (H2 serialises every changed index page
     * at each commit).
     */
    @Test
    void noIndexIsAPrefixOfAnother() throws Exception {
        for (String table : List.of("images_task", "images_embed", "images_event", "images_usage",
                "images_embed_file")) {
            Map<String, List<String>> indexes = new TreeMap<>();
            Set<String> unique = new HashSet<>();
            try (Connection c = store.dataSource().getConnection();
                    ResultSet rs = c.getMetaData().getIndexInfo(null, null, table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    String column = rs.getString("COLUMN_NAME");
                    // H2 keeps an index of its own behind a foreign key (constraint_index_*) even when the primary
                    // key starts with the same column; it goes only with the constraint, so it is not ours to drop
                    if (name == null || column == null
                            || name.toLowerCase(Locale.ROOT).startsWith("constraint_index")) {
                        continue;
                    }
                    name = name.toLowerCase(Locale.ROOT);
                    List<String> columns = indexes.computeIfAbsent(name, n -> new ArrayList<>());
                    int position = rs.getShort("ORDINAL_POSITION");
                    while (columns.size() < position) {
                        columns.add(null);
                    }
                    columns.set(position - 1, column.toLowerCase(Locale.ROOT));
                    if (!rs.getBoolean("NON_UNIQUE")) {
                        unique.add(name);
                    }
                }
            }
            assertFalse(indexes.isEmpty(), table + ": no index found, so nothing was checked");
            for (var a : indexes.entrySet()) {
                for (var b : indexes.entrySet()) {
                    boolean prefix = !a.getKey().equals(b.getKey()) && a.getValue().size() < b.getValue().size()
                            && b.getValue().subList(0, a.getValue().size()).equals(a.getValue());
                    assertFalse(prefix && !unique.contains(a.getKey()), table + ": " + a + " is a prefix of " + b);
                }
            }
        }
    }

    @Test
    void reportsAreListedNewestFirstOnEveryNodeAndByOwner() throws Exception {
        ReportRepository reports = store.reports();
        reports.createReport(new ReportRecord("r1", "u1", "e1", "artifact", "six fingers", now.minusSeconds(10)));
        reports.createReport(new ReportRecord("r2", "u2", "e2", "other", null, now));
        reports.createReport(new ReportRecord("r3", "u1", "e3", "harmful", "é ✓ ".repeat(250), now.minusSeconds(5)));
        try (JdbcStore other = sameDatabase()) {
            List<ReportRecord> all = other.reports().reports(null, 10);
            assertEquals(List.of("r2", "r3", "r1"), all.stream().map(ReportRecord::id).toList());
            assertEquals(new ReportRecord("r1", "u1", "e1", "artifact", "six fingers", now.minusSeconds(10)),
                    all.get(2));
            assertEquals(null, all.get(0).comment());
            assertEquals(1000, all.get(1).comment().length(), "1000 characters fit, multibyte or not");
        }
        assertEquals(List.of("r3", "r1"), reports.reports("u1", 10).stream().map(ReportRecord::id).toList());
        assertEquals(List.of("r2"), reports.reports(null, 1).stream().map(ReportRecord::id).toList());
    }

    @Test
    void createsAndReadsTaskAndEmbedTogether() {
        TaskRecord t = task("t1", "u1", null);
        assertTrue(store.create(t, embed(t)));
        TaskRecord read = store.findTask("t1").orElseThrow();
        assertEquals(TaskStatus.QUEUED, read.status());
        assertEquals(now, read.createdAt());
        assertEquals(3, read.input().length);
        assertEquals(EmbedStatus.PROCESSING, store.findEmbed(t.embedId()).orElseThrow().status());
        assertEquals("up", store.health());
    }

    @Test
    void updateIsACompareAndSetOnTheVersion() {
        TaskRecord t = task("t1", "u1", null);
        store.create(t, embed(t));
        TaskRecord claimedByA = t.toBuilder().status(TaskStatus.PROCESSING).leaseOwner("a").version(1).build();
        TaskRecord claimedByB = t.toBuilder().status(TaskStatus.PROCESSING).leaseOwner("b").version(1).build();
        assertTrue(store.update(claimedByA, 0, null));
        assertFalse(store.update(claimedByB, 0, null), "the second claim on version 0 loses");
        assertEquals("a", store.findTask("t1").orElseThrow().leaseOwner());
        assertEquals(1, store.findTask("t1").orElseThrow().version());
    }

    @Test
    void completingUpdatesTaskAndEmbedInOneTransaction() {
        TaskRecord t = task("t1", "u1", null);
        EmbedRecord e = embed(t);
        store.create(t, e);
        TaskRecord done = t.toBuilder().status(TaskStatus.COMPLETED).startedAt(now).finishedAt(now.plusMillis(1500))
                .version(1).build();
        assertTrue(store.update(done, 0, e.finish(EmbedStatus.FINISHED, "fs", new byte[] { 9 }, now)));
        assertEquals(EmbedStatus.FINISHED, store.findEmbed(e.id()).orElseThrow().status());
        assertEquals(List.of(java.time.Duration.ofMillis(1500)), store.recentDurations("generate", 5));
        assertFalse(store.update(done.toBuilder().status(TaskStatus.FAILED).build(), 0,
                e.finish(EmbedStatus.ERROR, null, null, now)));
        assertEquals(EmbedStatus.FINISHED, store.findEmbed(e.id()).orElseThrow().status(),
                "a lost compare-and-set leaves the embed alone");
    }

    @Test
    void idempotencyKeysAreUniquePerOwnerUntilTheyExpire() {
        TaskRecord a = task("t1", "u1", "k");
        assertTrue(store.create(a, embed(a)));
        TaskRecord b = task("t2", "u1", "k");
        assertFalse(store.create(b, embed(b)), "same owner, same key");
        assertTrue(store.findEmbed(b.embedId()).isEmpty(), "nothing of the loser was written");
        TaskRecord c = task("t3", "u2", "k");
        assertTrue(store.create(c, embed(c)), "another owner may use the same key");
        assertEquals("t1", store.findByIdempotencyKey("u1", "k", now.minusSeconds(1)).orElseThrow().id());
        store.expireIdempotencyKeys(now.plusSeconds(1));
        assertTrue(store.findByIdempotencyKey("u1", "k", Instant.EPOCH).isEmpty());
        assertTrue(store.create(b, embed(b)));
    }

    @Test
    void oneOwnersExpiredKeyIsFreedWithoutTouchingOthers() {
        for (String[] t : new String[][] { { "t1", "u1", "k" }, { "t2", "u1", "other" }, { "t3", "u2", "k" } }) {
            TaskRecord r = task(t[0], t[1], t[2]);
            assertTrue(store.create(r, embed(r)));
        }
        store.expireIdempotencyKey("u1", "k", now); // created at `now`: not older than `now`, so kept
        assertTrue(store.findByIdempotencyKey("u1", "k", Instant.EPOCH).isPresent(), "still inside its window");
        store.expireIdempotencyKey("u1", "k", now.plusSeconds(1));
        assertTrue(store.findByIdempotencyKey("u1", "k", Instant.EPOCH).isEmpty());
        assertTrue(store.findByIdempotencyKey("u1", "other", Instant.EPOCH).isPresent(), "the owner's other key");
        assertTrue(store.findByIdempotencyKey("u2", "k", Instant.EPOCH).isPresent(), "another owner's same key");
        TaskRecord again = task("t4", "u1", "k");
        assertTrue(store.create(again, embed(again)), "the freed key can start new work");
    }

    @Test
    void claimableAreDueQueuedTasksAndExpiredLeasesOldestFirst() {
        TaskRecord due = task("due", "u1", null);
        TaskRecord later = task("later", "u1", null).toBuilder().notBefore(now.plusSeconds(60)).build();
        TaskRecord expired = task("expired", "u1", null).toBuilder().status(TaskStatus.PROCESSING).leaseOwner("x")
                .leaseUntil(now.minusSeconds(1)).createdAt(now.minusSeconds(10)).build();
        TaskRecord leased = task("leased", "u1", null).toBuilder().status(TaskStatus.PROCESSING).leaseOwner("y")
                .leaseUntil(now.plusSeconds(60)).build();
        for (TaskRecord t : List.of(due, later, expired, leased)) {
            store.create(t, embed(t));
        }
        assertEquals(List.of("expired", "due"), store.findClaimable(now, 10).stream().map(TaskRecord::id).toList());
        assertEquals(List.of("leased"), store.findLeasedBy("y").stream().map(TaskRecord::id).toList());
        assertEquals(2, store.countQueuedBefore(now.plusSeconds(1)));
    }

    @Test
    void finishedEmbedsAreListedPerOwnerAndTypeNewestFirst() {
        for (int i = 0; i < 4; i++) {
            EmbedRecord e = new EmbedRecord("img-" + i, "u1", EmbedRecord.IMAGE, i == 3 ? EmbedStatus.PROCESSING
                    : EmbedStatus.FINISHED, "local", "local:v1:k", "fs", new byte[] { 1 }, now.plusSeconds(i),
                    now.plusSeconds(i));
            store.createEmbed(e);
        }
        store.createEmbed(new EmbedRecord("found", "u1", "search_results", EmbedStatus.FINISHED, "local",
                "local:v1:k", null, new byte[] { 2 }, now, now));
        store.createEmbed(new EmbedRecord("other", "u2", EmbedRecord.IMAGE, EmbedStatus.FINISHED, "local",
                "local:v1:k", "fs", new byte[] { 3 }, now, now));
        assertEquals(List.of("img-2", "img-1", "img-0"), store.findFinishedEmbeds("u1", EmbedRecord.IMAGE, 10)
                .stream().map(EmbedRecord::id).toList());
        assertEquals(List.of("img-2"), store.findFinishedEmbeds("u1", EmbedRecord.IMAGE, 1).stream()
                .map(EmbedRecord::id).toList());
        assertEquals("search_results", store.findEmbed("found").orElseThrow().type());
        assertEquals(List.of("found"), store.findFinishedEmbeds("u1", "search_results", 10).stream()
                .map(EmbedRecord::id).toList());
    }

    @Test
    void deletingAnEmbedRemovesItAndTheTaskThatMadeIt() {
        TaskRecord t = task("t-style", "u1", null);
        assertTrue(store.create(t, embed(t)));
        assertTrue(store.deleteEmbed(t.embedId()));
        assertTrue(store.findEmbed(t.embedId()).isEmpty());
        assertTrue(store.findTask(t.id()).isEmpty());
        assertFalse(store.deleteEmbed(t.embedId()));
    }

    @Test
    void aDeletedEmbedLeavesATombstoneForItsOwnerOnly() {
        TaskRecord t = task("t-del", "u1", null);
        store.create(t, embed(t));
        assertFalse(store.isDeletedEmbed("u1", t.embedId()));
        assertTrue(store.deleteEmbed(t.embedId()));
        assertTrue(store.isDeletedEmbed("u1", t.embedId()));
        assertFalse(store.isDeletedEmbed("u2", t.embedId()), "another user's delete is unknown to them");
        assertFalse(store.isDeletedEmbed("u1", "never-existed"));
    }

    @Test
    void theTaskOfAnEmbedIsFoundByTheEmbedAndSharedKeysAreSeen() {
        TaskRecord t = task("t-of", "u1", null);
        store.create(t, embed(t));
        assertEquals("t-of", store.findTaskByEmbed(t.embedId()).orElseThrow().id());
        assertTrue(store.findTaskByEmbed("upload-without-task").isEmpty());
        assertFalse(store.isKeyShared("u1", "local:v1:xyz", t.embedId()));
        store.createEmbed(new EmbedRecord("same-key", "u1", EmbedRecord.IMAGE, EmbedStatus.FINISHED, "local",
                "local:v1:xyz", "fs", new byte[] { 1 }, now, now));
        assertTrue(store.isKeyShared("u1", "local:v1:xyz", t.embedId()));
        assertFalse(store.isKeyShared("u2", "local:v1:xyz", "x"), "keys are per owner");
    }

    /** Seven embeds, three with one timestamp, pages of three: every row exactly once, newest first, ties by id. */
    @Test
    void embedPagesCoverEveryRowOnceNewestFirstAcrossEqualTimestamps() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Instant at = i < 3 ? now : now.plusSeconds(i);
            store.createEmbed(new EmbedRecord("e" + i, "u1", EmbedRecord.IMAGE, EmbedStatus.FINISHED, "local",
                    "local:v1:k" + i, "fs", new byte[] { 1 }, at, at));
        }
        store.createEmbed(new EmbedRecord("theirs", "u2", EmbedRecord.IMAGE, EmbedStatus.FINISHED, "local",
                "local:v1:k", "fs", new byte[] { 1 }, now.plusSeconds(3), now));
        expected.addAll(List.of("e6", "e5", "e4", "e3", "e2", "e1", "e0"));
        List<String> seen = new ArrayList<>();
        Keyset after = null;
        int pages = 0;
        while (true) {
            List<EmbedRecord> page = store.listEmbeds("u1", after, 3);
            pages++;
            page.forEach(e -> seen.add(e.id()));
            if (page.size() < 3) {
                break;
            }
            EmbedRecord last = page.get(page.size() - 1);
            after = new Keyset(last.createdAt(), last.id());
            if (pages == 1) {
                // an insert between pages, newer than everything: it does not shift the pages already being read
                store.createEmbed(new EmbedRecord("late", "u1", EmbedRecord.IMAGE, EmbedStatus.PROCESSING, "local",
                        "local:v1:late", null, null, now.plusSeconds(60), now.plusSeconds(60)));
            }
        }
        assertEquals(expected, seen);
        assertEquals(3, pages);
        assertEquals("late", store.listEmbeds("u1", null, 1).get(0).id());
        assertEquals(List.of(), store.listEmbeds("nobody", null, 10));
    }

    @Test
    void taskPagesFilterByStatusAndCoverEveryRowOnce() {
        for (int i = 0; i < 6; i++) {
            TaskRecord t = task("t" + i, "u1", null).toBuilder().createdAt(i < 2 ? now : now.plusSeconds(i))
                    .status(i % 2 == 0 ? TaskStatus.QUEUED : TaskStatus.CANCELLED).build();
            store.create(t, embed(t));
        }
        TaskRecord foreign = task("foreign", "u2", null);
        store.create(foreign, embed(foreign));
        assertEquals(List.of("t5", "t4", "t3", "t2", "t1", "t0"), ids(store, null, 4));
        assertEquals(List.of("t4", "t2", "t0"), ids(store, TaskStatus.QUEUED, 2));
        assertEquals(List.of("t5", "t3", "t1"), ids(store, TaskStatus.CANCELLED, 1));
        assertEquals(List.of(), ids(store, TaskStatus.COMPLETED, 2));
    }

    private static List<String> ids(TaskRepository store, TaskStatus status, int pageSize) {
        List<String> out = new ArrayList<>();
        Keyset after = null;
        for (int guard = 0; guard < 50; guard++) {
            List<TaskRecord> page = store.listTasks("u1", status, after, pageSize);
            page.forEach(t -> out.add(t.id()));
            if (page.size() < pageSize) {
                return out;
            }
            TaskRecord last = page.get(page.size() - 1);
            after = new Keyset(last.createdAt(), last.id());
        }
        throw new AssertionError("the pages never ended: " + out);
    }

    @Test
    void usersAndApiKeyHashes() {
        UserRecord alice = new UserRecord("id-a", "alice", now);
        assertTrue(store.createUser(alice));
        assertFalse(store.createUser(new UserRecord("id-b", "alice", now)), "names are unique");
        store.addApiKey("id-a", "f".repeat(64), "ki_abcde");
        assertEquals("alice", store.findUserByApiKeyHash("f".repeat(64)).orElseThrow().name());
        assertTrue(store.findUserByApiKeyHash("0".repeat(64)).isEmpty());
        assertEquals(List.of(alice), store.users());
    }

    @Test
    void migrationsAreAppliedOnce() throws Exception {
        store.createUser(new UserRecord("id", "bob", now));
        try (JdbcStore second = sameDatabase()) {
            assertEquals(1, second.users().size(), "a second start keeps the data and re-applies nothing");
        }
    }

    @Test
    void embedFileRoutesAreOneReadAndGoWithTheEmbed() {
        EmbedFileRoutesTest.routesAreOneReadAndReplaceable(store);
    }

    @Test
    void migrationV8KeepsExistingEmbedsForTheirBackfill() throws Exception {
        EmbedFileRoutesTest.v8KeepsExistingEmbedsForTheirBackfill(store, () -> {
            try {
                return sameDatabase();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void usageIsChargedOncePerTask() {
        TaskRecord t = task("t1", "u1", null).toBuilder().estimatedCredits(134).build();
        store.create(t, embed(t));
        assertEquals(134, store.pendingCredits("u1"));
        UsageRecord charge = new UsageRecord("t1", "u1", "generate", "m", new Cost(0.134, 134), now);
        TaskRecord done = t.toBuilder().status(TaskStatus.COMPLETED).version(1).build();
        assertTrue(store.update(done, 0, null, charge));
        assertTrue(store.update(done.toBuilder().version(2).build(), 1, null, charge), "a second charge is ignored");
        assertEquals(134, store.creditsSince("u1", now.minusSeconds(1)));
        assertEquals(1, store.usage("u1", Instant.EPOCH, 10).size());
        assertEquals(0, store.pendingCredits("u1"));
    }

    @Test
    void twoNodesClaimingTheSameTasksNeverBothWin() throws Exception {
        for (int i = 0; i < 20; i++) {
            TaskRecord t = task("c" + i, "u1", null);
            store.create(t, embed(t));
        }
        try (JdbcStore other = sameDatabase()) {
            java.util.concurrent.ConcurrentHashMap<String, String> winners = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (JdbcStore node : List.of(store, other, store, other)) {
                futures.add(pool.submit(() -> {
                    for (TaskRecord r : node.findClaimable(now.plusSeconds(1), 100)) {
                        TaskRecord claimed = r.toBuilder().status(TaskStatus.PROCESSING)
                                .leaseOwner(Thread.currentThread().getName()).version(r.version() + 1).build();
                        if (node.update(claimed, r.version(), null)
                                && winners.putIfAbsent(r.id(), claimed.leaseOwner()) != null) {
                            throw new AssertionError("claimed twice: " + r.id());
                        }
                    }
                    return null;
                }));
            }
            for (var f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(20, winners.size());
        }
    }

    @Test
    void parallelCreatesWithinABudgetNeverOverspendIt() throws Exception {
        try (JdbcStore other = sameDatabase()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<TaskRepository.Created>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                JdbcStore node = i % 2 == 0 ? store : other;
                TaskRecord t = task("b" + i, "u1", null).toBuilder().estimatedCredits(134).build();
                futures.add(pool.submit(() -> {
                    go.await();
                    return node.createWithinBudget(t, embed(t), 200, Instant.EPOCH);
                }));
            }
            go.countDown();
            List<TaskRepository.Created> outcomes = new java.util.ArrayList<>();
            for (var f : futures) {
                outcomes.add(f.get());
            }
            pool.shutdown();
            assertEquals(1, outcomes.stream().filter(o -> o == TaskRepository.Created.CREATED).count(),
                    outcomes::toString);
            assertEquals(15, outcomes.stream().filter(o -> o == TaskRepository.Created.OVER_BUDGET).count());
            assertEquals(134, store.pendingCredits("u1"));
        }
        TaskRecord charged = task("b-other", "u2", "k").toBuilder().estimatedCredits(50).build();
        assertEquals(TaskRepository.Created.CREATED, store.createWithinBudget(charged, embed(charged), 100, Instant.EPOCH));
        TaskRecord again = task("b-again", "u2", "k").toBuilder().estimatedCredits(50).build();
        assertEquals(TaskRepository.Created.DUPLICATE, store.createWithinBudget(again, embed(again), 100, Instant.EPOCH));
    }

    @Test
    void nowIsTheDatabaseClockToTheMillisecond() {
        Instant db = store.now();
        assertEquals(0, db.getNano() % 1_000_000);
        assertTrue(Duration.between(Instant.now(), db).abs().compareTo(Duration.ofMinutes(1)) < 0, db::toString);
    }

    @Test
    void passwordHashesArePerUserAndReplaceable() {
        SessionRepository sessions = store.sessions();
        store.createUser(new UserRecord("id-a", "alice", now));
        assertTrue(sessions.passwordHash("id-a").isEmpty(), "a new user has no password");
        assertTrue(sessions.setPasswordHash("id-a", "$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA"));
        assertEquals("$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", sessions.passwordHash("id-a").orElseThrow());
        assertTrue(sessions.setPasswordHash("id-a", "second"));
        assertEquals("second", sessions.passwordHash("id-a").orElseThrow());
        assertFalse(sessions.setPasswordHash("nobody", "x"));
        assertTrue(sessions.passwordHash("nobody").isEmpty());
    }

    @Test
    void sessionsAreFoundByIdHashTouchedAndExpiredOnEveryNode() throws Exception {
        SessionRepository sessions = store.sessions();
        store.createUser(new UserRecord("id-a", "alice", now));
        String hash = "a".repeat(64);
        SessionRecord s = new SessionRecord(hash, "id-a", "csrf", now, now, now.plusSeconds(60), now.plusSeconds(600));
        sessions.createSession(s);
        try (JdbcStore other = sameDatabase()) {
            assertEquals(s, other.sessions().findSession(hash).orElseThrow(), "another node sees the session");
            other.sessions().touchSession(hash, now.plusSeconds(30), now.plusSeconds(90));
        }
        SessionRecord touched = sessions.findSession(hash).orElseThrow();
        assertEquals(now.plusSeconds(30), touched.lastSeenAt());
        assertEquals(now.plusSeconds(90), touched.idleExpiresAt());
        sessions.touchSession(hash, now.plusSeconds(10), now.plusSeconds(70));
        assertEquals(now.plusSeconds(90), sessions.findSession(hash).orElseThrow().idleExpiresAt(),
                "a late touch from another node never shortens the session");
        assertTrue(sessions.findSession("b".repeat(64)).isEmpty());

        sessions.createSession(new SessionRecord("c".repeat(64), "id-a", "t", now, now, now.plusSeconds(5),
                now.plusSeconds(600)));
        assertEquals(1, sessions.deleteExpiredSessions(now.plusSeconds(5)), "idle expiry at or before now");
        assertTrue(sessions.findSession("c".repeat(64)).isEmpty());
        assertEquals(1, sessions.deleteExpiredSessions(now.plusSeconds(600)), "absolute expiry");
        sessions.createSession(s);
        assertTrue(sessions.deleteSession(hash));
        assertFalse(sessions.deleteSession(hash), "logout is idempotent");
        sessions.createSession(s);
        sessions.createSession(new SessionRecord("d".repeat(64), "id-a", "t", now, now, now.plusSeconds(60),
                now.plusSeconds(600)));
        assertEquals(2, sessions.deleteSessionsOfUser("id-a"));
    }

    @Test
    void apiKeysExpireAreRevokedRecordTheirLastUseAndStopWithTheirDisabledUser() throws Exception {
        ApiKeyRepository keys = store.apiKeys();
        store.createUser(new UserRecord("id-a", "alice", now));
        String forever = "1".repeat(64);
        String expiring = "2".repeat(64);
        keys.addApiKey("id-a", forever, "ki_aaaaa", null);
        keys.addApiKey("id-a", expiring, "ki_bbbbb", now.plusSeconds(60));
        ApiKeyRecord k = keys.findApiKey(expiring).orElseThrow();
        assertEquals(now.plusSeconds(60), k.expiresAt());
        assertEquals("alice", k.user().name());
        assertTrue(k.validAt(now) && !k.validAt(now.plusSeconds(60)), "valid until its expiry, not at it");
        assertEquals(2, keys.apiKeysOf("id-a").size());
        assertEquals(List.of(forever), keys.apiKeysWithPrefix("ki_aaaaa").stream().map(ApiKeyRecord::keyHash).toList());

        keys.touchApiKeys(List.of(forever), now.plusSeconds(5));
        keys.touchApiKeys(List.of(forever), now.plusSeconds(1));
        assertEquals(now.plusSeconds(5), keys.findApiKey(forever).orElseThrow().lastUsedAt(), "never backwards");

        assertTrue(keys.revokeApiKey(expiring, now));
        assertFalse(keys.revokeApiKey(expiring, now.plusSeconds(1)), "revoked once");
        assertEquals(now, keys.findApiKey(expiring).orElseThrow().revokedAt());
        assertTrue(store.findUserByApiKeyHash(expiring).isEmpty(), "the old lookup refuses a revoked key too");
        assertEquals("id-a", store.findUserByApiKeyHash(forever).orElseThrow().id());

        SessionRepository sessions = store.sessions();
        String session = "e".repeat(64);
        sessions.createSession(new SessionRecord(session, "id-a", "t", now, now, now.plusSeconds(60),
                now.plusSeconds(600)));
        try (JdbcStore other = sameDatabase()) {
            assertTrue(other.apiKeys().setUserDisabled("id-a", now), "disabled from another node");
        }
        assertEquals(now, keys.userDisabledAt("id-a").orElseThrow());
        assertFalse(keys.findApiKey(forever).orElseThrow().validAt(now));
        assertTrue(store.findUserByApiKeyHash(forever).isEmpty());
        assertTrue(sessions.findSession(session).isEmpty(), "disabling ends the user's sessions");
        sessions.createSession(new SessionRecord(session, "id-a", "t", now, now, now.plusSeconds(60),
                now.plusSeconds(600)));
        assertTrue(sessions.findSession(session).isEmpty(), "a session made while disabled is never found");
        assertTrue(keys.setUserDisabled("id-a", null));
        assertTrue(keys.userDisabledAt("id-a").isEmpty());
        assertTrue(keys.findApiKey(forever).orElseThrow().validAt(now), "enabled again");
        assertFalse(keys.setUserDisabled("nobody", now));
    }

    @Test
    void loginFailuresAreCountedPerKeyNewestFirstAndForgotten() {
        SessionRepository sessions = store.sessions();
        for (int i = 0; i < 5; i++) {
            sessions.recordLoginFailure("user:alice", now.plusSeconds(i));
        }
        sessions.recordLoginFailure("addr:10.0.0.1", now);
        assertEquals(List.of(now.plusSeconds(4), now.plusSeconds(3), now.plusSeconds(2)),
                sessions.loginFailures("user:alice", now.plusSeconds(2), 10));
        assertEquals(List.of(now.plusSeconds(4), now.plusSeconds(3)), sessions.loginFailures("user:alice", now, 2));
        assertEquals(3, sessions.deleteLoginFailuresBefore(now.plusSeconds(2)), "alice's 0 s and 1 s, 10.0.0.1's");
        sessions.clearLoginFailures("user:alice");
        assertTrue(sessions.loginFailures("user:alice", Instant.EPOCH, 10).isEmpty());
        assertTrue(sessions.loginFailures("addr:10.0.0.1", Instant.EPOCH, 10).isEmpty());
    }

    protected TaskRecord task(String id, String owner, String idempotencyKey) {
        return TaskRecord.builder().id(id).ownerId(owner).skill("generate").embedId("e-" + id)
                .status(TaskStatus.QUEUED).input(new byte[] { 1, 2, 3 }).notBefore(now)
                .idempotency(idempotencyKey, idempotencyKey == null ? null : "hash").createdAt(now).updatedAt(now)
                .version(0).build();
    }

    protected EmbedRecord embed(TaskRecord t) {
        return new EmbedRecord(t.embedId(), t.ownerId(), EmbedRecord.IMAGE, EmbedStatus.PROCESSING, "local",
                "local:v1:xyz", null, null, now, now);
    }
}
