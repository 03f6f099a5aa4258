package io.karafimages.provider.fal.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import io.karafimages.api.ImagesException;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Security review L11: the image link in fal.ai's answer must not make the server fetch internal URLs. The
 * "operator" server stands for the configured endpoint's host (127.0.0.1, plain http, as a gateway or the
 * simulator would be); the "victim" server stands for an internal service on another name (localhost) and
 * counts every request it gets: it must get none.
 */
class FalDownloadTest {
    private static final byte[] IMAGE = "not really a png, the client does not sniff".getBytes(StandardCharsets.UTF_8);

    private HttpServer operator;
    private HttpServer victim;
    private final AtomicInteger victimHits = new AtomicInteger();
    private FalQueueClient client;

    @BeforeEach
    void start() throws IOException {
        victim = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        victim.createContext("/", ex -> {
            victimHits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        victim.start();
        operator = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        operator.createContext("/files/ok.png", ex -> {
            ex.sendResponseHeaders(200, IMAGE.length);
            ex.getResponseBody().write(IMAGE);
            ex.close();
        });
        operator.createContext("/redirect/", ex -> {
            String target = ex.getRequestURI().getRawQuery().substring("to=".length());
            ex.getResponseHeaders().add("Location", java.net.URLDecoder.decode(target, StandardCharsets.UTF_8));
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        operator.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        operator.start();
        HttpUrl base = HttpUrl.get("http://127.0.0.1:" + operator.getAddress().getPort());
        client = new FalQueueClient(new FalSettings("key", "fal-ai/x/y", Optional.empty(), base, Duration.ofMillis(50),
                Duration.ofSeconds(10), 0, 0), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        client.close();
        operator.stop(0);
        victim.stop(0);
    }

    private String operatorUrl(String path) {
        return "http://127.0.0.1:" + operator.getAddress().getPort() + path;
    }

    private String victimUrl() {
        return "http://localhost:" + victim.getAddress().getPort() + "/admin";
    }

    @Test
    void fetchesFromTheOperatorsHostAndFollowsARedirectThere() {
        assertArrayEquals(IMAGE, client.download(operatorUrl("/files/ok.png")));
        assertArrayEquals(IMAGE, client.download(operatorUrl("/redirect/?to=/files/ok.png")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.5/x.png", "https://evil.example/x.png", "http://v3.fal.media/files/x.png",
            "https://fal.media.evil.example/x.png", "https://notfal.media/x.png" })
    void refusesLinksOffTheAllowList(String link) {
        ImagesException e = assertThrows(ImagesException.class, () -> client.download(link));
        assertEquals("provider_bad_output", e.code());
        assertFalse(e.retryable(), "a refused link is not worth a retry");
    }

    @Test
    void refusesAnInternalServiceDirectlyAndBehindARedirect() {
        assertThrows(ImagesException.class, () -> client.download(victimUrl()));
        String hop = operatorUrl("/redirect/?to=" + java.net.URLEncoder.encode(victimUrl(), StandardCharsets.UTF_8));
        ImagesException e = assertThrows(ImagesException.class, () -> client.download(hop));
        assertEquals("provider_bad_output", e.code());
        String metadata = operatorUrl("/redirect/?to=" + java.net.URLEncoder.encode(
                "http://169.254.169.254/latest/meta-data/", StandardCharsets.UTF_8));
        assertThrows(ImagesException.class, () -> client.download(metadata));
        assertEquals(0, victimHits.get(), "the internal service was reached");
    }

    @Test
    void stopsARedirectLoop() {
        ImagesException e = assertThrows(ImagesException.class, () -> client.download(operatorUrl("/loop")));
        assertTrue(e.getMessage().contains("redirected more than"), e.getMessage());
    }

    @Test
    void theDefaultHostsAreFalsCdn() {
        DownloadPolicy policy = new DownloadPolicy(FalSettings.hostList(FalSettings.DEFAULT_DOWNLOAD_HOSTS),
                        HttpUrl.get("https://queue.fal.run"));
        policy.check(HttpUrl.get("https://v3.fal.media/files/monkey/abc.png"));
        policy.check(HttpUrl.get("https://fal.media/files/abc.png"));
        assertThrows(ImagesException.class, () -> policy.check(HttpUrl.get("https://storage.example/abc.png")));
        assertThrows(IllegalArgumentException.class,
                () -> new DownloadPolicy(List.of("*.fal.media/x"), HttpUrl.get("https://queue.fal.run")));
    }

    @Test
    void aNameThatResolvesInsideIsRefusedAtLookup() throws Exception {
        DownloadPolicy policy = new DownloadPolicy(List.of("*.fal.media"), HttpUrl.get("https://queue.fal.run"));
        Dns rebinding = host -> List.of(InetAddress.getByName("10.1.2.3"), InetAddress.getByName("93.184.216.34"));
        assertEquals(List.of(InetAddress.getByName("93.184.216.34")), policy.dns(rebinding).lookup("v3.fal.media"));
        Dns internal = host -> List.of(InetAddress.getByName("127.0.0.1"));
        assertThrows(UnknownHostException.class, () -> policy.dns(internal).lookup("v3.fal.media"));
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), policy.dns(internal).lookup("queue.fal.run"),
                "the operator's own endpoint host is exempt");
        ImagesException mapped = FalFailures.fromIo(new DownloadPolicy.InternalAddressRefused("v3.fal.media"));
        assertEquals("provider_bad_output", mapped.code());
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "198.18.0.1", "240.0.0.1", "224.0.0.1", "::1", "fd00::1", "fe80::1", "::" })
    void internalAddresses(String address) throws Exception {
        assertTrue(DownloadPolicy.isInternal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "8.8.8.8", "93.184.216.34", "100.128.0.1", "2001:4860:4860::8888" })
    void externalAddresses(String address) throws Exception {
        assertFalse(DownloadPolicy.isInternal(InetAddress.getByName(address)), address);
    }
}
