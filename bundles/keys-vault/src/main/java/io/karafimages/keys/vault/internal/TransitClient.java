package io.karafimages.keys.vault.internal;

import java.util.Base64;

import io.github.jopenlibs.vault.json.JsonObject;

/**
 * The Transit calls the key service needs, authenticated by the session. A user's key is created when Vault
 * says it does not exist yet; an AppRole token Vault rejects is replaced by a fresh login once.
 */
final class TransitClient {
    /** The only key type made: AES-256-GCM, so associated data is authenticated. */
    static final String KEY_TYPE = "aes256-gcm96";

    /** @param plaintext base64 decoded; the caller owns and wipes it */
    record NewDataKey(byte[] plaintext, String ciphertext) {
    }

    private final VaultHttp http;
    private final VaultSession session;
    private final String mount;

    TransitClient(VaultHttp http, VaultSession session, String mount) {
        this.http = http;
        this.session = session;
        this.mount = mount;
    }

    /** A fresh 256-bit key made by Vault and encrypted under {@code keyName} in the same call. */
    NewDataKey newDataKey(String keyName) throws VaultCallException {
        JsonObject data = VaultHttp.data(postCreatingKey(keyName, "datakey/plaintext/" + keyName,
                new JsonObject().add("bits", 256)));
        return new NewDataKey(Base64.getDecoder().decode(data.getString("plaintext", "")),
                data.getString("ciphertext", ""));
    }

    /** @param associatedData authenticated with the ciphertext, or {@code null} for none */
    String encrypt(String keyName, byte[] plaintext, byte[] associatedData) throws VaultCallException {
        JsonObject body = new JsonObject().add("plaintext", Base64.getEncoder().encodeToString(plaintext));
        if (associatedData != null) {
            body.add("associated_data", Base64.getEncoder().encodeToString(associatedData));
        }
        return VaultHttp.data(postCreatingKey(keyName, "encrypt/" + keyName, body)).getString("ciphertext", "");
    }

    /** Vault answers 400 when the key is missing, wrong, or the associated data differs. */
    byte[] decrypt(String keyName, String ciphertext, byte[] associatedData) throws VaultCallException {
        JsonObject body = new JsonObject().add("ciphertext", ciphertext);
        if (associatedData != null) {
            body.add("associated_data", Base64.getEncoder().encodeToString(associatedData));
        }
        return Base64.getDecoder().decode(VaultHttp.data(post(mount + "/decrypt/" + keyName, body))
                .getString("plaintext", ""));
    }

    /** Checks that Vault is reachable, unsealed and accepts the token. */
    void checkAccess() throws VaultCallException {
        JsonObject status = http.get("sys/seal-status", null);
        if (status.getBoolean("sealed", false)) {
            throw new VaultCallException(503, java.util.List.of("Vault is sealed"), "sys/seal-status");
        }
        authenticated("auth/token/lookup-self", null);
    }

    void renewIfDue() throws VaultCallException {
        session.renewIfDue();
    }

    private JsonObject postCreatingKey(String keyName, String operation, JsonObject body) throws VaultCallException {
        try {
            return post(mount + "/" + operation, body);
        } catch (VaultCallException e) {
            if (e.status() != 400 || !e.mentions("not found")) {
                throw e;
            }
            // first use by this user: create the key (idempotent in Vault), then try once more
            post(mount + "/keys/" + keyName, new JsonObject().add("type", KEY_TYPE));
            return post(mount + "/" + operation, body);
        }
    }

    private JsonObject post(String path, JsonObject body) throws VaultCallException {
        return authenticated(path, body);
    }

    private JsonObject authenticated(String path, JsonObject body) throws VaultCallException {
        String token = session.token();
        try {
            return body == null ? http.get(path, token) : http.post(path, token, body);
        } catch (VaultCallException e) {
            String fresh = e.status() == 403 ? session.reauthenticate(token) : null;
            if (fresh == null) {
                throw e;
            }
            return body == null ? http.get(path, fresh) : http.post(path, fresh, body);
        }
    }
}
