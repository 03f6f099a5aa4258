package io.karafimages.provider.fal.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.karafimages.api.ImagesException;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Where the server may fetch a result image from. The image link comes from fal.ai's answer, so a hostile or
 * compromised answer (or CDN) could point the server at internal services (blind SSRF, security review L11).
 * A link is fetched only when it is {@code https} on an allowed host ({@code download.hosts}: names, or
 * {@code *.suffix} patterns), or on the configured endpoint's own host, which the operator chose; every
 * redirect hop is checked again; and a name that resolves to a loopback, private, link-local, multicast or
 * unspecified address is refused at connect time ({@link #dns}), so DNS answers cannot smuggle an internal
 * address past the host check. The configured endpoint's host is exempt from the address check: a gateway or
 * simulator on the operator's own network is the operator's decision. Immutable, thread-safe.
 */
final class DownloadPolicy {
    private final List<String> hosts;
    private final HttpUrl baseUrl;

    DownloadPolicy(List<String> hostPatterns, HttpUrl baseUrl) {
        this.hosts = hostPatterns.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableList());
        for (String h : hosts) {
            if (!h.matches("(\\*\\.)?[a-z0-9.-]+") || h.startsWith(".") || h.endsWith(".")) {
                throw new IllegalArgumentException("images.provider.fal: download.hosts entry '" + h
                        + "' is not a host name or a *.suffix pattern");
            }
        }
        this.baseUrl = baseUrl;
    }

    /** Refuses a link the server must not fetch, before any connection is made. */
    void check(HttpUrl url) {
        if (isOperatorHost(url.host())) {
            if (!url.scheme().equals(baseUrl.scheme())) {
                throw refused("fal.ai sent an image link with another scheme than the configured endpoint.");
            }
            return;
        }
        if (!url.isHttps()) {
            throw refused("fal.ai sent an image link that is not https.");
        }
        if (!allowed(url.host())) {
            throw refused("fal.ai sent an image link to a host that is not in download.hosts.");
        }
    }

    /** Name resolution for downloads: internal addresses are refused for every host but the operator's own. */
    Dns dns(Dns delegate) {
        return hostname -> {
            List<InetAddress> all = delegate.lookup(hostname);
            if (isOperatorHost(hostname)) {
                return all;
            }
            List<InetAddress> external = all.stream().filter(a -> !isInternal(a)).collect(Collectors.toList());
            if (external.isEmpty()) {
                throw new InternalAddressRefused(hostname);
            }
            return external;
        };
    }

    private boolean isOperatorHost(String host) {
        return host.equalsIgnoreCase(baseUrl.host());
    }

    private boolean allowed(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : hosts) {
            if (pattern.startsWith("*.") ? h.endsWith(pattern.substring(1)) : h.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local (site-local covers only the old fec0::/10)
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) // 0/8, 100.64/10 carrier-grade NAT
                || (first == 198 && (second == 18 || second == 19)) || first >= 240; // benchmark nets, reserved
    }

    /** A lookup refused because the name resolves only to internal addresses. */
    static final class InternalAddressRefused extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        InternalAddressRefused(String host) {
            super(host + " resolves only to internal addresses; refused");
        }
    }

    static ImagesException refused(String sentence) {
        return new ImagesException("provider_bad_output", 502, false, sentence);
    }
}
