package io.karafimages.keys.vault.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;

/**
 * The Vault token in use and its lease. A token is renewed (renew-self) once two thirds of its lease have
 * passed: on use, and by the component's renewal task while idle. An AppRole token that cannot be renewed any
 * more, or that Vault rejects, is replaced by a fresh login. Thread-safe; renewals and logins are serialised.
 */
final class VaultSession {
    /** @param ttl {@code null} while unknown (a configured token not yet looked up), zero for "never expires" */
    private record Lease(String token, Instant obtained, Duration ttl, boolean renewable) {
        boolean due(Instant now) {
            return ttl == null || !ttl.isZero() && !now.isBefore(obtained.plus(ttl.multipliedBy(2).dividedBy(3)));
        }
    }

    private final VaultHttp http;
    private final VaultSettings settings;
    private final Clock clock;
    private volatile Lease lease;

    VaultSession(VaultHttp http, VaultSettings settings, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.lease = appRole() ? null : new Lease(settings.token(), clock.instant(), null, false);
    }

    boolean appRole() {
        return settings.authMethod() == VaultSettings.AuthMethod.APPROLE;
    }

    /** A token to send now, renewed or obtained first when due. */
    String token() throws VaultCallException {
        Lease current = lease;
        if (current == null || current.due(clock.instant())) {
            current = refresh(current);
        }
        return current.token();
    }

    /** Renews the token if two thirds of its lease have passed; the renewal task calls this. */
    void renewIfDue() throws VaultCallException {
        token();
    }

    /**
     * After Vault answered 403 to {@code rejected}: an AppRole session logs in again and returns the new token;
     * a configured token cannot be replaced, so the 403 stands ({@code null}).
     */
    synchronized String reauthenticate(String rejected) throws VaultCallException {
        if (!appRole()) {
            return null;
        }
        Lease current = lease;
        if (current != null && !current.token().equals(rejected)) {
            return current.token(); // another thread logged in already
        }
        return login().token();
    }

    private synchronized Lease refresh(Lease seen) throws VaultCallException {
        Lease current = lease;
        if (current != seen && current != null && !current.due(clock.instant())) {
            return current; // refreshed by another thread meanwhile
        }
        if (current == null) {
            return login();
        }
        if (current.ttl() == null) {
            return lookUp(current);
        }
        if (!current.renewable()) {
            if (appRole()) {
                return login();
            }
            // nothing can extend it: use it until it expires, and stop checking
            Lease asIs = new Lease(current.token(), current.obtained(), Duration.ZERO, false);
            lease = asIs;
            return asIs;
        }
        try {
            Lease renewed = fromAuth(http.post("auth/token/renew-self", current.token(), new JsonObject()),
                    current.token());
            // a lease cut short by the token's max TTL can only be extended by logging in again
            if (appRole() && renewed.ttl().compareTo(current.ttl().dividedBy(2)) < 0) {
                return login();
            }
            lease = renewed;
            return renewed;
        } catch (VaultCallException e) {
            if (appRole() && (e.status() == 400 || e.status() == 403)) {
                return login();
            }
            throw e;
        }
    }

    private Lease login() throws VaultCallException {
        JsonObject body = new JsonObject().add("role.id", settings.roleId()).add("secret.id", settings.secretId());
        Lease fresh = fromAuth(http.post("auth/" + settings.approleMount() + "/login", null, body), null);
        lease = fresh;
        return fresh;
    }

    /** Learns the TTL of a configured token, so it is renewed in time. */
    private Lease lookUp(Lease configured) throws VaultCallException {
        JsonObject data = VaultHttp.data(http.get("auth/token/lookup-self", configured.token()));
        Lease known = new Lease(configured.token(), clock.instant(), Duration.ofSeconds(data.getLong("ttl", 0)),
                data.getBoolean("renewable", false));
        lease = known;
        return known;
    }

    private Lease fromAuth(JsonObject answer, String previousToken) throws VaultCallException {
        JsonValue auth = answer.get("auth");
        if (auth == null || !auth.isObject()) {
            throw new VaultCallException(200, java.util.List.of("answer without an auth section"), "auth");
        }
        JsonObject a = auth.asObject();
        String token = a.getString("client_token", previousToken);
        return new Lease(token, clock.instant(), Duration.ofSeconds(a.getLong("lease_duration", 0)),
                a.getBoolean("renewable", false));
    }
}
