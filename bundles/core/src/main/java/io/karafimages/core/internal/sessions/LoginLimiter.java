package io.karafimages.core.internal.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.store.SessionRepository;

/**
 * Login failures are counted per user name and per client address in the store (so every node counts the same)
 * within a sliding window; at the limit, logins for that name or from that address answer 429 {@code rate_limited}
 * with the time until the oldest counted failure leaves the window. Unknown names are counted like known ones, so
 * the limit does not tell which names exist. A successful login clears its name's failures, not its address's.
 */
final class LoginLimiter {
    private final SessionRepository store;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;

    LoginLimiter(SessionRepository store, int maxPerUser, int maxPerAddress, Duration window) {
        this.store = store;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    static String userKey(String userName) {
        return "user:" + (userName == null ? "" : userName.toLowerCase(Locale.ROOT));
    }

    static String addressKey(String address) {
        return "addr:" + (address == null ? "unknown" : address);
    }

    /** @throws ImagesException 429 {@code rate_limited} when the name or the address is at its limit */
    void check(String userName, String address, Instant now) {
        Duration wait = waitFor(userKey(userName), maxPerUser, now);
        Duration byAddress = waitFor(addressKey(address), maxPerAddress, now);
        if (byAddress.compareTo(wait) > 0) {
            wait = byAddress;
        }
        if (!wait.isZero()) {
            wait = Duration.ofSeconds((wait.toMillis() + 999) / 1000);
            throw new ImagesException("rate_limited", 429, true,
                    "Too many failed logins; try again in " + Math.max(1, wait.toSeconds()) + " s.", wait, null);
        }
    }

    void failed(String userName, String address, Instant now) {
        store.recordLoginFailure(userKey(userName), now);
        store.recordLoginFailure(addressKey(address), now);
    }

    void succeeded(String userName, Instant now) {
        store.clearLoginFailures(userKey(userName));
        store.deleteLoginFailuresBefore(now.minus(window));
    }

    private Duration waitFor(String key, int max, Instant now) {
        if (max <= 0) {
            return Duration.ZERO;
        }
        List<Instant> recent = store.loginFailures(key, now.minus(window), max);
        if (recent.size() < max) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, recent.get(max - 1).plus(window));
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }
}
