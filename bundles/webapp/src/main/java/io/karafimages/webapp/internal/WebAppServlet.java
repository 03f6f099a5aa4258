package io.karafimages.webapp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the browser UI from this bundle through the OSGi HTTP whiteboard.
 *
 * <p>CXF's servlet is mounted at the root ({@code org.apache.cxf.servlet.context=/}, so it answers {@code /*}) and
 * serves the API at {@code /v1}. This servlet therefore claims only exact and longer patterns, which the servlet
 * mapping rules prefer over CXF's {@code /*}: {@code /index.html} and the {@code /app/*} prefix. It never shadows
 * {@code /v1}: everything else still reaches CXF. The bare root {@code /} is answered by {@link RootPreprocessor}
 * (a servlet cannot claim it here: Pax Web ignores the {@code ""} pattern and {@code /} loses to CXF's {@code /*}).
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/index.html",
        "osgi.http.whiteboard.servlet.pattern=/app/*",
        "osgi.http.whiteboard.servlet.name=images-webapp",
})
public class WebAppServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebAppServlet.class);

    /** Same origin for everything; images may be blob:/data: (canvas exports); the socket is ws(s) to us. */
    static final String CSP = "default-src 'self'; img-src 'self' blob: data:; connect-src 'self' ws: wss:; "
            + "style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private transient StaticAssets assets;

    @Activate
    void activate(BundleContext context) {
        assets = load(context);
        LOG.info("Karaf Images web app: {} files served at /", assets.size());
    }

    /** Every file under webapp/ in this bundle. */
    static StaticAssets load(BundleContext context) {
        Map<String, byte[]> files = new HashMap<>();
        Enumeration<URL> entries = context.getBundle().findEntries("webapp", "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL url = entries.nextElement();
            String path = url.getPath();
            if (path.endsWith("/")) {
                continue;
            }
            String relative = path.substring(path.indexOf("webapp/") + "webapp/".length());
            files.put(relative, read(url));
        }
        return new StaticAssets(files);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        serve(assets.lookup(path), req, resp, body);
    }

    static void serve(Optional<StaticAssets.Asset> found, HttpServletRequest req, HttpServletResponse resp,
            boolean body) throws IOException {
        securityHeaders(resp);
        if (found.isEmpty()) {
            resp.setStatus(404);
            resp.setContentType("text/plain; charset=utf-8");
            if (body) {
                resp.getOutputStream().write(StaticAssets.utf8("Not found\n"));
            }
            return;
        }
        StaticAssets.Asset a = found.get();
        resp.setHeader("ETag", a.etag());
        // no-cache = "revalidate each time": the files have no version in their names, so a browser must ask
        // (a cheap 304) and never runs an old app.js against a newer API
        resp.setHeader("Cache-Control", "no-cache");
        if (StaticAssets.notModified(req.getHeader("If-None-Match"), a)) {
            resp.setStatus(304);
            return;
        }
        resp.setContentType(a.contentType());
        resp.setContentLength(a.bytes().length);
        if (body) {
            resp.getOutputStream().write(a.bytes());
        }
    }

    static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("X-Frame-Options", "DENY");
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
