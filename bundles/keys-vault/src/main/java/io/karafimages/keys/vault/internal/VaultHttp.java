package io.karafimages.keys.vault.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.json.JsonValue;
import io.github.jopenlibs.vault.rest.Rest;
import io.github.jopenlibs.vault.rest.RestException;
import io.github.jopenlibs.vault.rest.RestResponse;

/**
 * Vault's HTTP API through the embedded vault-java-driver's {@link Rest} and {@link Json}, on one shared JDK HTTP
 * client. Every answer comes back the same way: the parsed body for 2xx, a {@link VaultCallException} with status
 * and Vault's {@code errors} otherwise. (The driver's higher-level Logical/Auth helpers are not used: they throw
 * for some statuses and return others, and read VAULT_TOKEN or ~/.vault-token behind the caller's back.)
 */
final class VaultHttp {
    private final VaultSettings settings;
    private final HttpClient client;

    VaultHttp(VaultSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout());
        if (settings.caCertFile() != null) {
            builder.sslContext(trusting(settings));
        }
        this.client = builder.build();
    }

    JsonObject get(String path, String token) throws VaultCallException {
        return call(path, token, null);
    }

    JsonObject post(String path, String token, JsonObject body) throws VaultCallException {
        return call(path, token, body);
    }

    private JsonObject call(String path, String token, JsonObject body) throws VaultCallException {
        Rest rest = new Rest(client)
                .url(settings.address() + "/v1/" + path)
                .header("X-Vault-Token", token)
                .header("X-Vault-Namespace", settings.namespace())
                .header("X-Vault-Request", "true")
                .readTimeoutSeconds((int) Math.max(1, settings.readTimeout().toSeconds()));
        RestResponse response;
        try {
            response = body == null ? rest.get()
                    : rest.header("Content-Type", "application/json")
                            .body(body.toString().getBytes(StandardCharsets.UTF_8)).post();
        } catch (RestException e) {
            throw new VaultCallException(path, e.getCause() != null ? e.getCause() : e);
        }
        JsonObject json = parse(response.getBody());
        if (response.getStatus() / 100 != 2) {
            throw new VaultCallException(response.getStatus(), errors(json), path);
        }
        return json;
    }

    /** The {@code data} object of an answer, never {@code null}. */
    static JsonObject data(JsonObject answer) {
        JsonValue data = answer.get("data");
        return data != null && data.isObject() ? data.asObject() : new JsonObject();
    }

    private static JsonObject parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new JsonObject();
        }
        try {
            JsonValue value = Json.parse(new String(body, StandardCharsets.UTF_8));
            return value.isObject() ? value.asObject() : new JsonObject();
        } catch (RuntimeException e) {
            // a proxy's HTML error page, for instance: the status still says what happened
            return new JsonObject();
        }
    }

    private static List<String> errors(JsonObject json) {
        List<String> errors = new ArrayList<>();
        JsonValue list = json.get("errors");
        if (list != null && list.isArray()) {
            list.asArray().forEach(v -> errors.add(v.isString() ? v.asString() : v.toString()));
        }
        return errors;
    }

    private static SSLContext trusting(VaultSettings settings) {
        try (InputStream in = Files.newInputStream(settings.caCertFile())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("vault-ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("images.keys.vault: cannot read CA certificates from "
                    + settings.caCertFile() + ": " + e.getMessage(), e);
        }
    }
}
