package io.karafimages.events.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which page origins may open the web app's socket (cross-site WebSocket hijacking defence: a browser sends the
 * session cookie with a handshake from any site, but always names the page's origin). Configured origins, or by
 * default the runtime's own {@code http://localhost:<port>} and {@code http://127.0.0.1:<port>}. A handshake
 * without an {@code Origin} is refused too: every browser sends one.
 */
final class OriginCheck {
    private final Set<String> configured;

    OriginCheck(String publicOrigins) {
        this.configured = publicOrigins == null ? Set.of()
                : Arrays.stream(publicOrigins.split(",")).map(OriginCheck::normalise).filter(s -> !s.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    boolean allowed(String origin, int localPort) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        String o = normalise(origin);
        if (!configured.isEmpty()) {
            return configured.contains(o);
        }
        return o.equals("http://localhost:" + localPort) || o.equals("http://127.0.0.1:" + localPort);
    }

    /** Lower case, no trailing slash, default ports dropped (as browsers send them). */
    static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        while (o.endsWith("/")) {
            o = o.substring(0, o.length() - 1);
        }
        if (o.startsWith("http://") && o.endsWith(":80")) {
            o = o.substring(0, o.length() - 3);
        } else if (o.startsWith("https://") && o.endsWith(":443")) {
            o = o.substring(0, o.length() - 4);
        }
        return o;
    }
}
