package io.karafimages.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.karafimages.api.EmbedFile;
import io.karafimages.api.EmbedService;
import io.karafimages.api.FileInfo;
import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.api.SessionService;
import io.karafimages.api.User;
import io.karafimages.api.UserService;
import io.karafimages.api.WebSession;

/**
 * The services a file download talks to, as the API describes them: Alice's finished embed {@link #FINISHED} with
 * three renditions, her unfinished {@link #BUSY}, Bob's {@link #BOBS}; API keys that can be revoked, one web
 * session. Counts how often a file is opened (the only step that unwraps a key and decrypts). Every call the
 * download should not make fails the test.
 */
final class FileDownloadFixture {
    static final User ALICE = new User("u-alice", "alice", Instant.EPOCH);
    static final User BOB = new User("u-bob", "bob", Instant.EPOCH);
    static final String ALICE_KEY = "ki_alice_key";
    static final String BOB_KEY = "ki_bob_key";
    static final String ALICE_SESSION = "alice-session-id";
    static final String FINISHED = "e-finished";
    static final String BUSY = "e-busy";
    static final String BOBS = "e-bobs";

    final AtomicInteger opens = new AtomicInteger();
    final Set<String> revoked = new HashSet<>();
    /** When set, {@link UserService#authenticate} throws it (the store is down). */
    RuntimeException authFailure;
    /** When set, {@link EmbedFile#open} throws it (the blob store or the key service is down). */
    RuntimeException openFailure;
    /** When set, {@link EmbedFile#open} runs it first (a slow store). */
    volatile Runnable onOpen;
    /** When set, the first read of an opened file runs it first (a slow read or decryption). */
    volatile Runnable onFirstRead;
    /** Whether the files say they are {@linkplain EmbedFile#remote() remote} (in S3, under a Vault key). */
    volatile boolean remote;

    private final Map<String, User> keys = Map.of(ALICE_KEY, ALICE, BOB_KEY, BOB);
    private final Map<String, Map<RenditionFormat, byte[]>> files = new HashMap<>();

    FileDownloadFixture() {
        files.put(FINISHED, renditions(FINISHED, 3000));
        files.put(BOBS, renditions(BOBS, 10));
    }

    private static Map<RenditionFormat, byte[]> renditions(String embedId, int repeat) {
        Map<RenditionFormat, byte[]> r = new EnumMap<>(RenditionFormat.class);
        for (RenditionFormat f : RenditionFormat.values()) {
            r.put(f, (embedId + " " + f.wireName() + " bytes ").repeat(repeat).getBytes(StandardCharsets.UTF_8));
        }
        return r;
    }

    byte[] bytes(String embedId, RenditionFormat format) {
        return files.get(embedId).get(format);
    }

    /** The quoted ETag of a file: derived from the file, not from its bytes, as the real one is. */
    static String etag(String embedId, RenditionFormat format) {
        return "\"" + Integer.toHexString((embedId + "|" + format).hashCode()) + "\"";
    }

    EmbedService embeds() {
        return proxy(EmbedService.class, (name, a) -> {
            if (!name.equals("file")) {
                throw new UnsupportedOperationException("a download does not call EmbedService." + name);
            }
            String user = (String) a[0];
            String embedId = (String) a[1];
            RenditionFormat format = (RenditionFormat) a[2];
            if (embedId.equals(BUSY) && user.equals(ALICE.id())) {
                throw ImagesException.conflict("embed_not_ready",
                        "The embed is processing; files exist only once it is finished.");
            }
            String owner = embedId.equals(FINISHED) ? ALICE.id() : embedId.equals(BOBS) ? BOB.id() : null;
            if (!user.equals(owner)) {
                throw ImagesException.notFound("Embed");
            }
            return file(embedId, format);
        });
    }

    private EmbedFile file(String embedId, RenditionFormat format) {
        byte[] bytes = bytes(embedId, format);
        return new EmbedFile() {
            @Override
            public FileInfo info() {
                return new FileInfo(600, 400, bytes.length, format.fileFormat(), format.mediaType());
            }

            @Override
            public String etag() {
                return FileDownloadFixture.etag(embedId, format);
            }

            @Override
            public boolean remote() {
                return remote;
            }

            @Override
            public InputStream open() {
                opens.incrementAndGet();
                Runnable hook = onOpen;
                if (hook != null) {
                    hook.run();
                }
                if (openFailure != null) {
                    throw openFailure;
                }
                return new FirstReadHook(new ByteArrayInputStream(bytes), onFirstRead);
            }
        };
    }

    /** Runs a hook before the first bytes are read (every read of a download goes through one of these two). */
    private static final class FirstReadHook extends FilterInputStream {
        private Runnable hook;

        FirstReadHook(InputStream in, Runnable hook) {
            super(in);
            this.hook = hook;
        }

        private void first() {
            Runnable h = hook;
            hook = null;
            if (h != null) {
                h.run();
            }
        }

        @Override
        public int read() throws IOException {
            first();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            first();
            return super.read(b, off, len);
        }
    }

    UserService users() {
        return proxy(UserService.class, (name, a) -> {
            if (!name.equals("authenticate")) {
                throw new UnsupportedOperationException("a download does not call UserService." + name);
            }
            if (authFailure != null) {
                throw authFailure;
            }
            String key = (String) a[0];
            return revoked.contains(key) ? Optional.empty() : Optional.ofNullable(keys.get(key));
        });
    }

    SessionService sessions() {
        return proxy(SessionService.class, (name, a) -> {
            if (!name.equals("find")) {
                throw new UnsupportedOperationException("a download does not call SessionService." + name);
            }
            return ALICE_SESSION.equals(a[0])
                    ? Optional.of(WebSession.of(ALICE_SESSION, ALICE, "csrf", Instant.now().plusSeconds(600)))
                    : Optional.empty();
        });
    }

    private interface Call {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(FileDownloadFixture.class.getClassLoader(), new Class<?>[] { type },
                (p, m, a) -> m.getDeclaringClass() == Object.class ? m.getName().equals("toString") ? type.getName()
                        : m.getName().equals("hashCode") ? System.identityHashCode(p) : p == a[0]
                        : call.answer(m.getName(), a)));
    }
}
