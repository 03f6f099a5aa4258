package io.karafimages.itests;

import static org.junit.Assert.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.karafimages.testsupport.C2paVerify;

/** Reading provenance back in the integration tests: downloads, exiftool, and c2pa-rs reports walked. */
final class Provenance {
    static final String TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    static final String COMPOSITE =
            "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";

    private Provenance() {
    }

    /** The instance CA (the last certificate served at /v1/provenance/certificate) as a PEM file. */
    static Path instanceCa(Http http) throws Exception {
        String pem = new String(http.get("/provenance/certificate", null).body(), StandardCharsets.US_ASCII);
        String[] certificates = pem.split("(?<=-----END CERTIFICATE-----\n)");
        return Files.writeString(Files.createTempFile("instance-ca", ".pem"), certificates[certificates.length - 1]);
    }

    static Path anchors(Path... pems) throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path p : pems) {
            all.append(Files.readString(p, StandardCharsets.US_ASCII)).append('\n');
        }
        return Files.writeString(Files.createTempFile("anchors", ".pem"), all.toString());
    }

    static Path download(Http http, String key, String embedId, String format) throws Exception {
        Http.Response file = http.get("/embeds/" + embedId + "/file?format=" + format, key);
        assertEquals(file.toString(), 200, file.status());
        String type = file.header("Content-Type");
        String suffix = type.startsWith("image/svg+xml") ? ".svg" : type.startsWith("image/png") ? ".png" : ".webp";
        return Files.write(Files.createTempFile("download-", suffix), file.body());
    }

    static JsonNode exifTool(Path file) throws Exception {
        Process p = new ProcessBuilder("exiftool", "-j", "-G1", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(new String(out, StandardCharsets.UTF_8), 0, p.waitFor());
        return new ObjectMapper().readTree(out).get(0);
    }

    /** A JPEG with GPS, a camera make and EXIF orientation 6, written by exiftool. */
    static byte[] withGpsAndOrientation6(byte[] jpeg) throws Exception {
        Path file = Files.write(Files.createTempFile("gps-", ".jpg"), jpeg);
        Process p = new ProcessBuilder("exiftool", "-overwrite_original", "-GPSLatitude=48.8584",
                "-GPSLatitudeRef=N", "-GPSLongitude=2.2945", "-GPSLongitudeRef=E", "-Make=TestCam",
                "-Orientation#=6", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertEquals(new String(out, StandardCharsets.UTF_8), 0, p.waitFor());
        return Files.readAllBytes(file);
    }

    /** The active manifest, then its parentOf ingredient's manifest, and so on. */
    static List<JsonNode> parentChain(C2paVerify.Report report) {
        JsonNode manifests = report.json().path("manifest_store").path("manifests");
        List<JsonNode> chain = new ArrayList<>();
        String label = report.json().path("manifest_store").path("active_manifest").asText();
        while (!label.isEmpty() && manifests.has(label) && chain.size() < 10) {
            JsonNode manifest = manifests.get(label);
            chain.add(manifest);
            label = "";
            for (JsonNode ingredient : manifest.path("ingredients")) {
                if (ingredient.path("relationship").asText().equals("parentOf")) {
                    label = ingredient.path("active_manifest").asText();
                }
            }
        }
        return chain;
    }

    /** Every parentOf ingredient along the chain. */
    static List<JsonNode> parentIngredients(C2paVerify.Report report) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode manifest : parentChain(report)) {
            for (JsonNode ingredient : manifest.path("ingredients")) {
                if (ingredient.path("relationship").asText().equals("parentOf")) {
                    out.add(ingredient);
                }
            }
        }
        return out;
    }

    static List<String> actions(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : manifest.path("assertions")) {
            if (a.path("label").asText().startsWith("c2pa.actions")) {
                a.path("data").path("actions").forEach(x -> out.add(x.path("action").asText()));
            }
        }
        return out;
    }

    /** The digital source type of the manifest's second action (the edit after c2pa.opened). */
    static String editSourceType(JsonNode manifest) {
        for (JsonNode a : manifest.path("assertions")) {
            if (a.path("label").asText().startsWith("c2pa.actions")) {
                return a.path("data").path("actions").path(1).path("digitalSourceType").asText();
            }
        }
        return "";
    }

    /** Validation codes recorded for an ingredient ({@code success} or {@code failure}). */
    static List<String> codes(JsonNode ingredient, String kind) {
        List<String> out = new ArrayList<>();
        JsonNode results = ingredient.path("validation_results").path("activeManifest").path(kind);
        results.forEach(r -> out.add(r.path("code").asText()));
        return out;
    }
}
