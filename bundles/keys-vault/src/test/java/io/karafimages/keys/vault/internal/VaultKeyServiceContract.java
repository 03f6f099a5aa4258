package io.karafimages.keys.vault.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;

/**
 * What the Vault key service promises, written once and run against every {@link VaultTarget}: always the
 * {@link io.karafimages.testsupport.TransitSimulator} (test-support), and a real Vault when the environment names
 * one. Scenarios that need powers only the simulator has (sealing, counting requests, moving time) say so and are
 * skipped against a real Vault.
 */
abstract class VaultKeyServiceContract {
    private final List<VaultKeyService> services = new ArrayList<>();

    abstract VaultTarget target();

    @AfterEach
    void closeServices() {
        services.forEach(VaultKeyService::close);
        services.clear();
    }

    @Test
    void dataKeysWrapAndUnwrapThroughVault() {
        String user = newUser();
        DataKey key = service(tokenSettings()).newDataKey(user);
        assertEquals(32, key.plaintext().length);
        assertTrue(key.wrapped().startsWith("vault:v1:"), key.wrapped());
        // a second instance has an empty cache: this unwrap is Vault's
        assertArrayEquals(key.plaintext(), service(tokenSettings()).unwrap(user, key.wrapped()));
        assertEquals("up", service(tokenSettings()).health());
        assertTrue(service(tokenSettings()).remote(), "downloads unwrap through Vault outside their turn");
    }

    @Test
    void destroyingADataKeyDropsItsCachedPlaintextOnly() {
        String user = newUser();
        VaultKeyService service = service(tokenSettings());
        DataKey doomed = service.newDataKey(user);
        DataKey kept = service.newDataKey(user);
        assertEquals(2, service.cachedKeys());
        service.destroy(user, doomed.wrapped());
        assertEquals(1, service.cachedKeys(), "the destroyed key's plaintext left the cache");
        service.destroy(user, doomed.wrapped()); // idempotent
        assertArrayEquals(kept.plaintext(), service.unwrap(user, kept.wrapped()));
        assertEquals(1, service.cachedKeys(), "the other key was still cached");
    }

    @Test
    void eachUserGetsOneTransitKeyCreatedOnFirstUse() throws VaultCallException {
        VaultKeyService service = service(tokenSettings());
        String alice = newUser();
        String bob = newUser();
        assertFalse(keyExists(service.keyName(alice)), "no key before the first use");
        service.newDataKey(alice);
        service.newDataKey(alice);
        assertTrue(keyExists(service.keyName(alice)));
        assertTrue(service.keyName(alice).matches("images-user-[0-9a-f]{32}"), service.keyName(alice));
        assertNotEquals(service.keyName(alice), service.keyName(bob));
        assertFalse(keyExists(service.keyName(bob)));
    }

    @Test
    void anotherUsersKeyCannotUnwrap() {
        String alice = newUser();
        String mallory = newUser();
        DataKey key = service(tokenSettings()).newDataKey(alice);
        VaultKeyService other = service(tokenSettings());
        other.newDataKey(mallory); // mallory has a key of her own, and still cannot open alice's
        ImagesException e = assertThrows(ImagesException.class, () -> other.unwrap(mallory, key.wrapped()));
        assertEquals("key_unwrap_failed", e.code());
        assertFalse(e.retryable());
        assertThrows(IllegalArgumentException.class, () -> other.unwrap(alice, "local:v1:AAAA"));
    }

    @Test
    void sealedVaultFailsClosedWithRetryable503AndRecovers() {
        VaultTarget.Simulated sim = simulatorOnly("sealing a real Vault needs its unseal keys");
        VaultKeyService service = service(tokenSettings().cache(Duration.ZERO, 0));
        String user = newUser();
        DataKey before = service.newDataKey(user);

        sim.server().seal();
        assertKeysUnavailable(assertThrows(ImagesException.class, () -> service.newDataKey(user)));
        assertKeysUnavailable(assertThrows(ImagesException.class, () -> service.unwrap(user, before.wrapped())));
        assertEquals("down: Vault is sealed", service.health());

        sim.server().unseal();
        assertArrayEquals(before.plaintext(), service.unwrap(user, before.wrapped()));
        assertEquals("up", service.health());
    }

    @Test
    void unreachableVaultFailsClosedWithRetryable503() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        VaultKeyService service = service(VaultSettings.withToken("http://127.0.0.1:" + closedPort, "any"));
        assertKeysUnavailable(assertThrows(ImagesException.class, () -> service.newDataKey(newUser())));
        assertKeysUnavailable(assertThrows(ImagesException.class, () -> service.unwrap("u", "vault:v1:AAAA")));
        assertTrue(service.health().startsWith("down: Vault unreachable"), service.health());
    }

    @Test
    void aWrongTokenGivesAClearNonRetryableError() {
        VaultKeyService service = service(VaultSettings.withToken(target().address(), "not-a-valid-token")
                .mount(target().mount()));
        ImagesException e = assertThrows(ImagesException.class, () -> service.newDataKey(newUser()));
        assertEquals("keys_access_denied", e.code());
        assertFalse(e.retryable());
        assertTrue(e.getMessage().contains("permission denied") && e.getMessage().contains("token"), e.getMessage());
        assertEquals("down: permission denied by Vault (check the token)", service.health());
    }

    @Test
    void appRoleLoginWorks() {
        VaultTarget.AppRole role = target().appRole().orElse(null);
        assumeTrue(role != null, "AppRole scenario skipped: set VAULT_ROLE_ID and VAULT_SECRET_ID to run it");
        VaultKeyService service = service(appRoleSettings(role.roleId(), role.secretId()));
        String user = newUser();
        DataKey key = service.newDataKey(user);
        assertArrayEquals(key.plaintext(), service(appRoleSettings(role.roleId(), role.secretId()))
                .unwrap(user, key.wrapped()));
        assertEquals("up", service.health());
        target().simulated().ifPresent(sim -> assertTrue(sim.server().count("POST auth/approle/login") >= 2));
    }

    @Test
    void aWrongAppRoleSecretGivesAClearError() {
        VaultTarget.AppRole role = target().appRole().orElse(null);
        assumeTrue(role != null, "AppRole scenario skipped: set VAULT_ROLE_ID and VAULT_SECRET_ID to run it");
        VaultKeyService service = service(appRoleSettings(role.roleId(), "not-the-secret-id"));
        ImagesException e = assertThrows(ImagesException.class, () -> service.newDataKey(newUser()));
        assertEquals("keys_access_denied", e.code());
        assertTrue(e.getMessage().contains("secret.id"), e.getMessage());
        assertEquals("down: permission denied by Vault (check role.id / .secret.id)", service.health());
    }

    @Test
    void aCacheHitAvoidsTheVaultRoundTripUntilTheTtlHasPassed() {
        VaultTarget.Simulated sim = simulatorOnly("only the simulator counts requests and moves time");
        String user = newUser();
        DataKey key = service(tokenSettings()).newDataKey(user);
        VaultKeyService service = service(tokenSettings().cache(Duration.ofSeconds(60), 100));
        int before = sim.server().count("POST transit/decrypt");

        assertArrayEquals(key.plaintext(), service.unwrap(user, key.wrapped()));
        byte[] again = service.unwrap(user, key.wrapped());
        assertArrayEquals(key.plaintext(), again);
        assertEquals(before + 1, sim.server().count("POST transit/decrypt"), "the second unwrap is a cache hit");

        java.util.Arrays.fill(again, (byte) 0); // the caller wiping its copy does not harm the cache
        assertArrayEquals(key.plaintext(), service.unwrap(user, key.wrapped()));
        assertEquals(before + 1, sim.server().count("POST transit/decrypt"));

        sim.clock().advance(Duration.ofSeconds(61));
        assertArrayEquals(key.plaintext(), service.unwrap(user, key.wrapped()));
        assertEquals(before + 2, sim.server().count("POST transit/decrypt"), "expired after the TTL");
    }

    @Test
    void anAppRoleTokenIsRenewedBeforeItExpires() {
        VaultTarget.Simulated sim = simulatorOnly("only the simulator moves time");
        VaultTarget.AppRole role = target().appRole().orElseThrow();
        VaultKeyService service = service(appRoleSettings(role.roleId(), role.secretId()));
        service.newDataKey(newUser());
        int logins = sim.server().count("POST auth/approle/login");
        int renewals = sim.server().count("POST auth/token/renew-self");

        sim.clock().advance(Duration.ofSeconds(45)); // two thirds of the 60 s lease have passed
        service.maintain();
        assertEquals(renewals + 1, sim.server().count("POST auth/token/renew-self"));
        sim.clock().advance(Duration.ofSeconds(50)); // past the first lease's end, within the renewed one
        service.newDataKey(newUser());
        assertEquals(logins, sim.server().count("POST auth/approle/login"), "the renewed token still works");
    }

    @Test
    void anExpiredAppRoleTokenIsReplacedByAFreshLogin() {
        VaultTarget.Simulated sim = simulatorOnly("only the simulator moves time");
        VaultTarget.AppRole role = target().appRole().orElseThrow();
        VaultKeyService service = service(appRoleSettings(role.roleId(), role.secretId()));
        service.newDataKey(newUser());
        int logins = sim.server().count("POST auth/approle/login");

        sim.clock().advance(Duration.ofMinutes(5)); // the token expired while nothing renewed it
        service.newDataKey(newUser());
        assertEquals(logins + 1, sim.server().count("POST auth/approle/login"));
    }

    @Test
    void contentEncryptionIsBoundToTheUserAndTheContext() {
        VaultKeyService service = service(tokenSettings());
        String alice = newUser();
        String bob = newUser();
        byte[] context = "embed-42".getBytes(StandardCharsets.UTF_8);
        byte[] secret = "{\"prompt\":\"a red fox\"}".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = service.encrypt(alice, secret, context);
        assertTrue(new String(ciphertext, StandardCharsets.UTF_8).startsWith("vault:v1:"));
        assertArrayEquals(secret, service.decrypt(alice, ciphertext, context));

        assertEquals("decrypt_failed", assertThrows(ImagesException.class,
                () -> service.decrypt(alice, ciphertext, "embed-43".getBytes(StandardCharsets.UTF_8))).code());
        service.encrypt(bob, new byte[] { 1 }, null);
        assertEquals("decrypt_failed",
                assertThrows(ImagesException.class, () -> service.decrypt(bob, ciphertext, context)).code());
        // a wrapped data key is not content: decrypt() never hands out a data key
        DataKey key = service.newDataKey(alice);
        assertEquals("decrypt_failed", assertThrows(ImagesException.class,
                () -> service.decrypt(alice, key.wrapped().getBytes(StandardCharsets.UTF_8), null)).code());
    }

    VaultSettings tokenSettings() {
        return VaultSettings.withToken(target().address(), target().token()).mount(target().mount());
    }

    VaultSettings appRoleSettings(String roleId, String secretId) {
        return VaultSettings.withAppRole(target().address(), roleId, secretId).mount(target().mount());
    }

    VaultKeyService service(VaultSettings settings) {
        VaultKeyService service = new VaultKeyService(settings, target().clock());
        services.add(service);
        return service;
    }

    private VaultTarget.Simulated simulatorOnly(String why) {
        Optional<VaultTarget.Simulated> sim = target().simulated();
        assumeTrue(sim.isPresent(), "Scenario runs against the simulator only: " + why);
        return sim.get();
    }

    private boolean keyExists(String name) throws VaultCallException {
        try {
            new VaultHttp(tokenSettings()).get(target().mount() + "/keys/" + name, target().token());
            return true;
        } catch (VaultCallException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    private static void assertKeysUnavailable(ImagesException e) {
        assertEquals("keys_unavailable", e.code());
        assertEquals(503, e.httpStatus());
        assertTrue(e.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(10)), e.retryAfter());
    }
}
