package io.karafimages.rest.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The web app's HTTP rules from the {@code images.web} configuration (documented by core's metatype, which owns
 * the PID): when the session cookie is {@code Secure}, which proxies' {@code X-Forwarded-*} headers are believed,
 * and the cookie's {@code Max-Age}. A component of its own (an internal service) so that the REST server, which
 * has its own PID, gets these settings as a reference.
 */
@Component(service = WebSettings.class, configurationPid = "images.web")
public final class WebSettings {
    /** The properties of {@code images.web} the REST layer reads (core's session service documents them all). */
    public @interface Config {
        String session_absolute_timeout() default "PT12H";

        String cookie_secure() default "auto";

        String trusted_proxies() default "";

        String admin_users() default "admin";
    }

    enum SecureCookie { AUTO, ALWAYS, NEVER }

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private final SecureCookie secure;
    private final List<Range> proxies;
    private final Duration maxAge;
    private java.util.Set<String> admins = java.util.Set.of("admin");

    WebSettings(String secure, String trustedProxies, Duration maxAge) {
        try {
            this.secure = SecureCookie.valueOf(secure == null ? "AUTO" : secure.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cookie.secure is auto, always or never, not " + secure, e);
        }
        this.proxies = new ArrayList<>();
        for (String p : (trustedProxies == null ? "" : trustedProxies).split(",")) {
            if (!p.isBlank()) {
                proxies.add(Range.parse(p.trim()));
            }
        }
        this.maxAge = maxAge;
    }

    @Activate
    public WebSettings(Config c) {
        this(c.cookie_secure(), c.trusted_proxies(), duration(c.session_absolute_timeout()));
        this.admins = java.util.Arrays.stream((c.admin_users() == null ? "" : c.admin_users()).split(","))
                .map(String::trim).filter(n -> !n.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether a user (by name) is a REST administrator ({@code admin.users}). */
    boolean isAdmin(String userName) {
        return admins.contains(userName);
    }

    /** As core reads it: an ISO-8601 duration or seconds. */
    static Duration duration(String v) {
        String s = v == null ? "" : v.trim();
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(s))
                : Duration.parse(s);
    }

    Duration maxAge() {
        return maxAge;
    }

    boolean trusted(String peer) {
        InetAddress a = literal(peer);
        return a != null && proxies.stream().anyMatch(r -> r.contains(a));
    }

    /** Whether the session cookie gets {@code Secure} for a request. */
    boolean secureCookie(boolean https, String peer, String forwardedProto) {
        return switch (secure) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> https || forwardedProto != null && trusted(peer)
                    && "https".equalsIgnoreCase(forwardedProto.split(",")[0].trim());
        };
    }

    /**
     * The client's address: the peer, or, when the peer is a trusted proxy, the right-most address of
     * {@code X-Forwarded-For} that is not a trusted proxy itself (the left part is whatever the client claimed).
     */
    String clientAddress(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!trusted(hop)) {
                return literal(hop) != null ? hop : peer;
            }
        }
        return hops[0].trim();
    }

    /** An IP literal, never a DNS lookup; null for anything else. */
    private static InetAddress literal(String s) {
        if (s == null || s.isEmpty() || !IP_LITERAL.matcher(s).matches() || !s.contains(".") && !s.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address or CIDR range. */
    private record Range(byte[] network, int bits) {
        static Range parse(String spec) {
            String[] parts = spec.split("/", 2);
            InetAddress a = literal(parts[0]);
            if (a == null) {
                throw new IllegalArgumentException("trusted.proxies takes IP addresses and CIDR ranges, not " + spec);
            }
            int max = a.getAddress().length * 8;
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("Bad prefix length in trusted.proxies: " + spec);
            }
            return new Range(a.getAddress(), bits);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((b[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
