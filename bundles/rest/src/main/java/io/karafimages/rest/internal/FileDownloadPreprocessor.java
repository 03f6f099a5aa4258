package io.karafimages.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;

import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.EmbedFile;
import io.karafimages.api.EmbedService;
import io.karafimages.api.SessionService;
import io.karafimages.api.UserService;

/**
 * Serves {@code GET} and {@code HEAD {address}/embeds/{id}/file} (issue 12) before the request reaches CXF, whose
 * servlet, interceptor chain and filters cost more CPU per request than the whole download does. It answers
 * exactly what {@link EmbedsResource} answers, because both are {@link FileDownloads}, {@link Credentials} and
 * {@link ExceptionMappers#problem}; this class only reads the request and writes the response.
 *
 * <p>It takes only the canonical form of the path: an id of URL-safe characters ({@code A-Z a-z 0-9 - . _ ~}) that
 * needs no decoding, nothing after {@code /file} but the query. Anything else (a trailing slash, an encoded or
 * reserved character, a path parameter, another method) goes on to CXF, which serves it through the same code.
 * Its ranking is below {@link RequestGuard}'s, so the guard runs first and wraps it like every servlet. The path
 * is the {@code images.rest} address at the server's root, where our distribution serves CXF
 * ({@code org.apache.cxf.osgi} {@code org.apache.cxf.servlet.context = /}).
 *
 * <p>With {@code download.concurrency} set, at most that many downloads prepare at once (authenticate, find and
 * open the file, read and decrypt its first bytes) and the others wait their turn in arrival order, parked: on a
 * node whose downloads are CPU-bound, 32 request threads taking turns on two cores made the slowest downloads 25
 * times slower than the median (README "Benchmarks"). A remote file (S3, Vault) is opened between two turns and
 * every write to the client happens after the turn, so neither a slow store nor a slow client holds one.
 */
@Component(service = Preprocessor.class, configurationPid = "images.rest", property = {
    "osgi.http.whiteboard.filter.name=images-file-downloads",
    "service.ranking:Integer=500" })
public final class FileDownloadPreprocessor implements Preprocessor {
    private static final Logger LOG = LoggerFactory.getLogger(FileDownloadPreprocessor.class);
    private static final String SUFFIX = "/file";

    /** The most of a file a download reads while it holds its turn; the rest is streamed after it. */
    static final int PREFETCH = 64 * 1024;

    private final String prefix;
    private final Credentials credentials;
    private final FileDownloads downloads;
    /** Turns to prepare a download, granted in arrival order; null: no bound ({@code download.concurrency = 0}). */
    private final Turns turns;

    @Activate
    public FileDownloadPreprocessor(@Reference EmbedService embeds, @Reference UserService users,
            @Reference SessionService sessions, RestServer.Config config) {
        this(embeds, users, sessions, config.address(),
                turns(config.download_concurrency(), Runtime.getRuntime().availableProcessors()));
        if (turns != null) {
            LOG.info("File downloads take turns: at most {} prepare at once (images.rest download.concurrency = {})",
                    turns(config.download_concurrency(), Runtime.getRuntime().availableProcessors()),
                    config.download_concurrency());
        }
    }

    /** The bound {@code download.concurrency} asks for: -1 (or less) one more than the cores, 0 none. */
    static int turns(int configured, int cores) {
        return configured < 0 ? cores + 1 : configured;
    }

    FileDownloadPreprocessor(EmbedService embeds, UserService users, SessionService sessions, String address) {
        this(embeds, users, sessions, address, 0);
    }

    /**
     * @param concurrency at most this many downloads prepare at once (authenticate, find the file, open it unless
     *        it is remote, read and decrypt its first {@link #PREFETCH} bytes); the others wait for a turn in
     *        arrival order; 0 or less: no bound
     */
    FileDownloadPreprocessor(EmbedService embeds, UserService users, SessionService sessions, String address,
            int concurrency) {
        this.turns = concurrency > 0 ? new Turns(concurrency) : null;
        String a = address == null ? "" : address.trim();
        while (a.endsWith("/")) {
            a = a.substring(0, a.length() - 1);
        }
        this.prefix = (a.isEmpty() || a.startsWith("/") ? a : "/" + a) + "/embeds/";
        this.credentials = new Credentials(users, sessions);
        this.downloads = new FileDownloads(embeds);
    }

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing held
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp) {
            String method = req.getMethod();
            boolean head = "HEAD".equals(method);
            String embedId = head || "GET".equals(method) ? embedId(req.getRequestURI()) : null;
            if (embedId != null) {
                serve(req, resp, embedId, head);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The id of a canonical {@code {prefix}{id}/file} path, or null for any other path. */
    String embedId(String uri) {
        if (uri == null || !uri.startsWith(prefix) || !uri.endsWith(SUFFIX)) {
            return null;
        }
        int end = uri.length() - SUFFIX.length();
        if (end <= prefix.length()) {
            return null;
        }
        for (int i = prefix.length(); i < end; i++) {
            char c = uri.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~')) {
                return null;
            }
        }
        String id = uri.substring(prefix.length(), end);
        return id.equals(".") || id.equals("..") ? null : id;
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, String embedId, boolean head)
            throws IOException {
        try {
            prepare(req, embedId, head).send(resp, head);
        } catch (FileDownloads.ClientGone gone) {
            LOG.debug("A download of embed {} ended early: the client went away ({})", embedId, gone.getMessage());
        } catch (Throwable t) { // NOPMD: every failure is answered as CXF's mappers answer it
            if (resp.isCommitted()) {
                throw t; // too late for a problem document: the guard logs it, the client sees the stream end
            }
            resp.reset();
            ExceptionMappers.problem(t).write(resp, head);
        }
    }

    /**
     * Everything a download does before its first write: the credentials, the answer, and for a 200 the opened file
     * (a failure to open is still a problem document); with a bound on concurrent downloads all of it in a turn,
     * with the file's first bytes read and decrypted, so that the turn covers the CPU work and not the client's
     * reading. A {@linkplain EmbedFile#remote() remote} file (S3, Vault) is opened between two turns: its round
     * trip holds none.
     */
    private Prepared prepare(HttpServletRequest req, String embedId, boolean head) throws IOException {
        boolean turn = take();
        try {
            String authorization = req.getHeader("Authorization");
            Credentials.Outcome who = credentials.require(authorization, authorization == null
                    || authorization.isBlank() ? SessionCookie.read(req.getCookies()) : java.util.Optional.empty());
            if (who instanceof Credentials.Refused refused) {
                return new Prepared(refused, null, null, null);
            }
            String userId = ((Credentials.Authenticated) who).user().id();
            FileDownloads.Answer answer = downloads.answer(userId, embedId, req.getParameter("format"), head,
                    joined(req, "If-Match"), joined(req, "If-None-Match"));
            if (!answer.body()) {
                return new Prepared(null, answer, null, null);
            }
            EmbedFile file = answer.file();
            InputStream body;
            if (turn && file.remote()) {
                turn = give(turn);
                body = file.open();
                turn = take();
            } else {
                body = file.open();
            }
            if (!turn) {
                return new Prepared(null, answer, null, body);
            }
            try {
                byte[] first = body.readNBytes((int) Math.min(file.info().sizeBytes(), PREFETCH));
                return new Prepared(null, answer, first, body);
            } catch (IOException | RuntimeException e) {
                body.close();
                throw e;
            }
        } finally {
            give(turn);
        }
    }

    /** Waits for a turn; false at once when there is no bound. */
    private boolean take() {
        if (turns == null) {
            return false;
        }
        turns.acquire();
        return true;
    }

    /** Gives a turn back if one is held; returns false (no turn held any more). */
    private boolean give(boolean held) {
        if (held) {
            turns.release();
        }
        return false;
    }

    /** A prepared download: refused, or an answer with the first bytes of its file (if read) and the rest. */
    private record Prepared(Credentials.Refused refused, FileDownloads.Answer answer, byte[] first, InputStream rest) {
        void send(HttpServletResponse resp, boolean head) throws IOException {
            if (refused != null) {
                refused.problem().write(resp, head);
                return;
            }
            try (InputStream file = rest) {
                resp.setStatus(answer.status());
                answer.headers(resp::setHeader);
                if (file != null) {
                    FileDownloads.stream(first, file, resp.getOutputStream());
                }
            }
        }
    }

    /** Downloads waiting for a turn now (an estimate, see {@link Turns#waiting}); 0 without a bound. */
    int waiting() {
        return turns == null ? 0 : turns.waiting();
    }

    /** A request header; several of the same name joined by commas, as one list. */
    private static String joined(HttpServletRequest req, String name) {
        String first = req.getHeader(name);
        if (first == null) {
            return null;
        }
        Enumeration<String> all = req.getHeaders(name);
        StringBuilder joined = new StringBuilder();
        while (all.hasMoreElements()) {
            joined.append(joined.length() == 0 ? "" : ",").append(all.nextElement());
        }
        return joined.length() == 0 ? first : joined.toString();
    }
}
