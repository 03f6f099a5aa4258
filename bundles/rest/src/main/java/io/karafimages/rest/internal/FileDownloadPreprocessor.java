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
 */
@Component(service = Preprocessor.class, configurationPid = "images.rest", property = {
    "osgi.http.whiteboard.filter.name=images-file-downloads",
    "service.ranking:Integer=500" })
public final class FileDownloadPreprocessor implements Preprocessor {
    private static final Logger LOG = LoggerFactory.getLogger(FileDownloadPreprocessor.class);
    private static final String SUFFIX = "/file";

    private final String prefix;
    private final Credentials credentials;
    private final FileDownloads downloads;

    @Activate
    public FileDownloadPreprocessor(@Reference EmbedService embeds, @Reference UserService users,
            @Reference SessionService sessions, RestServer.Config config) {
        this(embeds, users, sessions, config.address());
    }

    FileDownloadPreprocessor(EmbedService embeds, UserService users, SessionService sessions, String address) {
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
            String authorization = req.getHeader("Authorization");
            Credentials.Outcome who = credentials.require(authorization,
                    authorization == null || authorization.isBlank() ? SessionCookie.read(req.getCookies()) : java.util.Optional.empty());
            if (who instanceof Credentials.Refused refused) {
                refused.problem().write(resp, head);
                return;
            }
            String userId = ((Credentials.Authenticated) who).user().id();
            FileDownloads.Answer answer = downloads.answer(userId, embedId, req.getParameter("format"), head,
                    joined(req, "If-Match"), joined(req, "If-None-Match"));
            InputStream body = answer.body() ? answer.file().open() : null; // a failure here is still a problem
            resp.setStatus(answer.status());
            answer.headers(resp::setHeader);
            if (body != null) {
                FileDownloads.stream(body, resp.getOutputStream());
            }
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
