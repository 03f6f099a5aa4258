package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.C2paVerify;

/**
 * An image generated through REST in the distribution carries a C2PA manifest that the reference implementation
 * (c2pa-rs) accepts as Trusted when the only trust anchor is the CA served at /v1/provenance/certificate. The
 * distribution runs on its shipped configuration, whose file downloads take turns (issue 12).
 */
public class ProvenanceIT {
    @Test
    public void generatedImagesVerifyAgainstThePublishedCertificate() throws Exception {
        try (KarafProcess karaf = new KarafProcess(Path.of("target", "provenance-it-" + System.nanoTime()))) {
            karaf.start();
            Http http = karaf.http();
            String key = karaf.initialApiKey();
            JsonNode accepted = http.post("/apps/images/generate", key,
                    "{\"prompt\":\"a lighthouse, signed\",\"aspect_ratio\":\"16:9\"}").json();
            JsonNode task = http.awaitTask(accepted.get("task_id").asText(), key, Duration.ofSeconds(90));
            assertEquals(task.toString(), "completed", task.get("status").asText());

            String pem = new String(http.get("/provenance/certificate", null).body(), StandardCharsets.US_ASCII);
            String[] certificates = pem.split("(?<=-----END CERTIFICATE-----\n)");
            Path anchor = Files.writeString(Files.createTempFile("instance-ca", ".pem"),
                    certificates[certificates.length - 1]);

            for (String format : List.of("original", "full")) {
                Http.Response file = http.get("/embeds/" + accepted.get("embed_id").asText() + "/file?format="
                        + format, key);
                Path saved = Files.write(Files.createTempFile("signed-", format.equals("full") ? ".webp" : ".png"),
                        file.body());
                C2paVerify.Report report = C2paVerify.verify(saved, anchor);
                assertEquals(format + ": " + report, 0, report.exitCode());
                assertEquals("Trusted", report.state());
                assertTrue(report.failureCodes().toString(), report.failureCodes().isEmpty());
                assertTrue(report.activeSuccessCodes().contains("assertion.dataHash.match"));
                assertEquals("a lighthouse, signed",
                        report.assertion("io.karafimages.generation").path("prompt").asText());
            }
            // the downloads above took turns: the distribution's etc/images.rest.cfg sets download.concurrency = -1
            String log = Files.readString(karaf.home().resolve("data/log/karaf.log"));
            int turns = Runtime.getRuntime().availableProcessors() + 1;
            assertTrue("the shipped download bound is active", log.contains("File downloads take turns: at most "
                    + turns + " prepare at once (images.rest download.concurrency = -1)"));
        }
    }
}
