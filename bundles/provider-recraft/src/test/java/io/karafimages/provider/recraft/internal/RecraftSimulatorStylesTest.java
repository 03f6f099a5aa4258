package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.karafimages.testsupport.providers.RecraftSimulator;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The simulator's checks of the style endpoints, fed deliberately wrong requests: the adapter tests assert "no
 * problems", which means something only if the simulator does find them.
 */
class RecraftSimulatorStylesTest {
    private static final String TOKEN = "sim-style-token";
    private static final MediaType PNG = MediaType.get("image/png");
    private static final MediaType JSON = MediaType.get("application/json");

    private RecraftSimulator sim;
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws IOException {
        sim = new RecraftSimulator(TOKEN);
    }

    @AfterEach
    void stop() {
        sim.close();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void createStyleChecksItsFieldsImagesAndLimits() throws IOException {
        assertEquals(400, createStyle(null, 1, 300));
        assertEquals(400, createStyle("anime", 1, 300));
        assertEquals(400, createStyle("digital_illustration", 0, 300));
        assertEquals(400, createStyle("digital_illustration", 6, 300));
        assertEquals(400, createStyle("digital_illustration", 2, 200));
        MultipartBody misnamed = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("file", "a.png", RequestBody.create(TestImages.png(300, 300), PNG))
                .addFormDataPart("style", "icon").addFormDataPart("colour", "red").build();
        assertEquals(400, post("/styles", misnamed, "Bearer " + TOKEN));
        assertEquals(401, post("/styles", styleBody("icon", 1, 300), "Bearer nope"));
        assertEquals(List.of("styles: style is required for a V2/V3 style", "styles: style=anime is not a base style",
                "styles: images: 1 to 5 files, not 0", "styles: images: 1 to 5 files, not 6",
                "styles: images[0] 200x200 has a side outside 256..4096 px",
                "styles: unknown file field file (the OpenAPI names them images)", "styles: unknown field colour",
                "styles: images: 1 to 5 files, not 0", "Authorization on styles was wrong"), sim.problems());
        assertEquals(List.of(), sim.styleCalls());
        assertEquals(List.of(), sim.issuedStyleIds());
        assertEquals(7, sim.calls("styles"));
    }

    @Test
    void aValidStyleGetsAFreshIdRememberedForItsTokenOnly() throws IOException {
        sim.acceptToken("second-account");
        String mine = styleId(TOKEN, "realistic_image");
        String theirs = styleId("second-account", "digital_illustration");
        assertEquals(36, UUID.fromString(mine).toString().length());
        assertEquals(List.of(mine), sim.issuedStyleIds());
        assertEquals(List.of(theirs), sim.issuedStyleIds("second-account"));
        assertEquals(Map.of("style", "realistic_image"), sim.styleCalls().get(0).fields());
        assertEquals(2, sim.styleCalls().get(0).images().size());
        assertEquals(200, generate(Map.of("style_id", mine)));
        assertEquals(400, generate(Map.of("style_id", theirs)));
        assertEquals(List.of("generations: style_id " + theirs + " is not a style of this account"), sim.problems());
    }

    @Test
    void generationsCheckPromptModelSizeAndStyle() throws IOException {
        String raster = styleId(TOKEN, "digital_illustration");
        String vector = styleId(TOKEN, "vector_illustration");
        assertEquals(400, generate(Map.of("style_id", raster, "prompt", "x".repeat(1001))));
        assertEquals(400, generate(Map.of("style_id", raster, "model", "recraftv4_1")));
        assertEquals(400, generate(Map.of("style_id", raster, "size", "1000x1000")));
        assertEquals(400, generate(Map.of("style_id", UUID.randomUUID().toString().substring(0, 8))));
        assertEquals(400, generate(Map.of("style_id", raster, "style", "realistic_image")));
        assertEquals(400, generate(Map.of("style_id", vector)));
        assertEquals(400, generate(Map.of("style_id", raster, "n", "\"1\"")));
        assertEquals(400, post("/images/generations", RequestBody.create("prompt=x", MediaType.get(
                "application/x-www-form-urlencoded")), "Bearer " + TOKEN));
        assertEquals(200, generate(Map.of("style_id", raster, "negative", "\"blur\"")));
        List<String> problems = sim.problems();
        assertEquals(10, problems.size(), problems.toString());
        assertEquals("generations: prompt must be 1 to 1000 bytes for V2/V3 models", problems.get(0));
        assertTrue(problems.get(1).contains("styles are not supported on recraftv4_1"), problems.get(1));
        assertTrue(problems.get(2).contains("size=1000x1000 is not allowed"), problems.get(2));
        assertTrue(problems.get(3).contains("is not a style of this account"), problems.get(3));
        assertTrue(problems.get(4).contains("style and style_id cannot both be given"), problems.get(4));
        assertTrue(problems.get(5).contains("is a vector style"), problems.get(5));
        assertTrue(problems.get(6).contains("n must be a number"), problems.get(6));
        assertTrue(problems.get(7).contains("not application/json"), problems.get(7));
        assertEquals("generations: unknown field negative", problems.get(8));
        assertEquals("generations: image_format is not png, Recraft would answer WebP", problems.get(9));
        assertEquals(1, sim.generationCalls().size());
    }

    @Test
    void aValidGenerationIsAPictureOfTheSizeInTheStylesColour() throws IOException {
        String id = styleId(TOKEN, "digital_illustration");
        JsonObject answer;
        try (Response r = http.newCall(request("/images/generations", RequestBody.create(
                "{\"prompt\":\"a fox\",\"model\":\"recraftv3\",\"style_id\":\"" + id + "\",\"size\":\"1024x1536\","
                        + "\"n\":2,\"response_format\":\"b64_json\",\"image_format\":\"png\"}", JSON),
                "Bearer " + TOKEN)).execute()) {
            assertEquals(200, r.code());
            answer = JsonParser.parseString(r.body().string()).getAsJsonObject();
        }
        assertEquals(80, answer.get("credits").getAsInt());
        assertEquals(2, answer.getAsJsonArray("data").size());
        BufferedImage image = TestImages.decode(Base64.getDecoder().decode(answer.getAsJsonArray("data").get(0)
                .getAsJsonObject().get("b64_json").getAsString()));
        assertEquals(1024, image.getWidth());
        assertEquals(1536, image.getHeight());
        assertTrue(TestImages.near(image.getRGB(10, 10), RecraftSimulator.styleColour(id), 0));
        assertEquals(id, sim.generationCalls().get(0).fields().get("style_id"));
        assertEquals("2", sim.generationCalls().get(0).fields().get("n"));
        assertEquals(List.of(), sim.problems());
    }

    private String styleId(String token, String base) throws IOException {
        try (Response r = http.newCall(request("/styles", styleBody(base, 2, 300), "Bearer " + token)).execute()) {
            assertEquals(200, r.code());
            JsonObject o = JsonParser.parseString(r.body().string()).getAsJsonObject();
            assertEquals(40, o.get("credits").getAsInt());
            assertEquals(base, o.get("style").getAsString());
            return o.get("id").getAsString();
        }
    }

    private int createStyle(String style, int images, int side) throws IOException {
        return post("/styles", styleBody(style, images, side), "Bearer " + TOKEN);
    }

    private static MultipartBody styleBody(String style, int images, int side) {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
        for (int i = 0; i < images; i++) {
            b.addFormDataPart("images", "r" + i + ".png", RequestBody.create(TestImages.png(side, side), PNG));
        }
        if (style != null) {
            b.addFormDataPart("style", style);
        }
        if (images == 0) {
            b.addFormDataPart("private", "true"); // a form needs one part
        }
        return b.build();
    }

    /** A V3 generation with the given fields added or replaced (values as JSON, strings quoted unless given so). */
    private int generate(Map<String, String> fields) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("prompt", "a fox", "model", "recraftv3",
                "response_format", "b64_json"));
        all.putAll(fields);
        StringBuilder json = new StringBuilder("{");
        all.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v.startsWith("\"") ? v : "\"" + v + "\""));
        if (!fields.containsKey("negative")) {
            json.append(",\"image_format\":\"png\"");
        }
        return post("/images/generations", RequestBody.create(json.append('}').toString(), JSON), "Bearer " + TOKEN);
    }

    private int post(String path, RequestBody body, String auth) throws IOException {
        try (Response r = http.newCall(request(path, body, auth)).execute()) {
            return r.code();
        }
    }

    private Request request(String path, RequestBody body, String auth) {
        return new Request.Builder().url(sim.baseUrl() + path).post(body).header("Authorization", auth).build();
    }
}
