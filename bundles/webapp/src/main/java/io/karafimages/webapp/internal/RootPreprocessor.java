package io.karafimages.webapp.internal;

import java.io.IOException;
import java.util.Optional;

import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.Preprocessor;

/**
 * Answers {@code GET /} (and HEAD) with the web app's index page; passes every other request on untouched.
 *
 * <p>CXF's servlet owns {@code /*} (the API is served from the root context), so no whiteboard servlet can claim
 * the bare root: in the servlet mapping rules a path prefix beats the default servlet {@code /}, and Pax Web 8 does
 * not register the empty-string pattern. A whiteboard {@link Preprocessor} runs before any servlet is chosen, so it
 * can take exactly {@code /} and nothing else. The check is a string comparison: {@code /v1/...} costs nothing.
 */
@Component(service = Preprocessor.class)
public class RootPreprocessor implements Preprocessor {
    private StaticAssets assets;

    @Activate
    void activate(BundleContext context) {
        assets = WebAppServlet.load(context);
    }

    @Override
    public void init(FilterConfig filterConfig) {
        // nothing to set up: the files were read at activation
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp
                && "/".equals(req.getRequestURI())
                && ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod()))) {
            Optional<StaticAssets.Asset> index = assets.lookup("/");
            WebAppServlet.serve(index, req, resp, "GET".equals(req.getMethod()));
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
