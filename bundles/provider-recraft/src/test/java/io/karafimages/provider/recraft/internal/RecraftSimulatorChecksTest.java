package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.karafimages.testsupport.providers.RecraftDrawing;
import io.karafimages.testsupport.providers.RecraftSimulator;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The simulator's own checks, fed deliberately wrong requests: the adapter tests assert "no problems", which
 * means something only if the simulator does find them.
 */
class RecraftSimulatorChecksTest {
    private static final String TOKEN = "sim-check-token";
    private static final MediaType PNG = MediaType.get("image/png");

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
    void greyWrongSizedOrColourMasksAreRejectedAndRecorded() throws IOException {
        assertEquals(400, inpaint(TestImages.rampMask(300, 300), Map.of()));
        assertEquals(400, inpaint(TestImages.rectMask(200, 200, 0, 0, 10, 10), Map.of()));
        assertEquals(400, inpaint(TestImages.png(300, 300), Map.of()));
        List<String> problems = sim.problems();
        assertTrue(problems.get(0).contains("neither 0 nor 255"), problems.toString());
        assertTrue(problems.get(1).contains("mask is 200x200, image is 300x300"), problems.toString());
        assertTrue(problems.get(2).contains("not a one-channel grayscale"), problems.toString());
        assertEquals(3, sim.calls("inpaint"));
        assertEquals(List.of(), sim.calls(), "none of them was a valid call");
    }

    @Test
    void missingUnknownAndOutOfSchemaFieldsAreRecorded() throws IOException {
        byte[] mask = TestImages.rectMask(300, 300, 0, 0, 10, 10);
        assertEquals(400, inpaint(mask, Map.of("prompt", "")));
        assertEquals(400, inpaint(mask, Map.of("model", "recraftv4_1")));
        assertEquals(200, inpaint(mask, Map.of("colour", "red")));
        assertEquals(List.of("inpaint: prompt must be 1 to 1000 bytes for V2/V3 models",
                "inpaint: model=recraftv4_1: inpaint runs on V3 models only", "inpaint: unknown field colour"),
                sim.problems());
    }

    @Test
    void imagesOutsideTheLimitsAndMissingTokensAreRecorded() throws IOException {
        MultipartBody small = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", "i.png", RequestBody.create(TestImages.png(200, 300), PNG))
                .addFormDataPart("size", "1024x1024").addFormDataPart("image_format", "png").build();
        assertEquals(400, post("variateImage", small, "Bearer " + TOKEN));
        assertEquals(401, post("variateImage", small, null));
        assertTrue(sim.problems().get(0).contains("200x300 has a side outside 256..4096 px"), sim.problems().get(0));
        assertEquals("Authorization on variateImage was missing", sim.problems().get(1));
    }

    @Test
    void theProcessEndpointsCheckTheirOwnLimitsAndFields() throws IOException {
        assertEquals(200, process("crispUpscale", TestImages.png(40, 32), Map.of()));
        assertEquals(400, process("crispUpscale", TestImages.png(31, 300), Map.of()));
        assertEquals(400, process("creativeUpscale", TestImages.png(100, 300), Map.of()));
        assertEquals(400, process("removeBackground", TestImages.png(4097, 300), Map.of()));
        assertEquals(200, process("removeBackground", TestImages.png(300, 300), Map.of("prompt", "a cat")));
        assertEquals(400, process("creativeUpscale", TestImages.png(300, 300), Map.of("image_format", "jpeg")));
        MultipartBody noImage = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("response_format", "b64_json").build();
        assertEquals(400, post("crispUpscale", noImage, "Bearer " + TOKEN));
        assertEquals(List.of("crispUpscale: image 31x300 has a side outside 32..4096 px",
                "creativeUpscale: image 100x300 has a side outside 256..4096 px",
                "removeBackground: image 4097x300 has a side outside 256..4096 px",
                "removeBackground: unknown field prompt", "creativeUpscale: image_format=jpeg is not allowed",
                "crispUpscale: image is required"), sim.problems());
        assertEquals(2, sim.calls().size());
    }

    @Test
    void upscalesAnswerTwiceTheSizeAndRemoveBackgroundAnRgbaCutOut() throws IOException {
        JsonObject crisp = processAnswer("crispUpscale", TestImages.png(300, 200));
        assertEquals(4, crisp.get("credits").getAsInt());
        BufferedImage up = TestImages.decode(Base64.getDecoder().decode(crisp.getAsJsonObject("image")
                .get("b64_json").getAsString()));
        assertEquals(600, up.getWidth());
        assertEquals(400, up.getHeight());
        assertTrue(TestImages.near(up.getRGB(10, 10), RecraftDrawing.CRISP, 0));
        assertTrue(TestImages.near(up.getRGB(300, 200), TestImages.SOURCE, 0));
        assertEquals(250, processAnswer("creativeUpscale", TestImages.png(300, 300)).get("credits").getAsInt());

        JsonObject cut = processAnswer("removeBackground", TestImages.subjectPng(400, 300));
        assertEquals(10, cut.get("credits").getAsInt());
        BufferedImage rgba = TestImages.decode(Base64.getDecoder().decode(cut.getAsJsonObject("image")
                .get("b64_json").getAsString()));
        assertTrue(rgba.getColorModel().hasAlpha());
        assertEquals(0, rgba.getRGB(0, 0) >>> 24, "light and on the border");
        assertEquals(255, rgba.getRGB(110, 150) >>> 24, "the subject");
        assertEquals(255, rgba.getRGB(200, 150) >>> 24, "light but enclosed by the subject");
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void urlResultsAreServedByAnotherHostThatMustNotSeeTheToken() throws IOException {
        MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", "i.png", RequestBody.create(TestImages.png(300, 300), PNG))
                .addFormDataPart("mask", "m.png", RequestBody.create(TestImages.rectMask(300, 300, 0, 0, 9, 9), PNG))
                .addFormDataPart("image_format", "png").build();
        String url;
        try (Response r = http.newCall(request("eraseRegion", body, "Bearer " + TOKEN)).execute()) {
            assertEquals(200, r.code());
            url = JsonParser.parseString(r.body().string()).getAsJsonObject().getAsJsonObject("image").get("url")
                    .getAsString();
        }
        try (Response r = http.newCall(new Request.Builder().url(url).header("Authorization", "Bearer " + TOKEN)
                .build()).execute()) {
            assertEquals(200, r.code());
            assertEquals(300, TestImages.decode(r.body().bytes()).getWidth());
        }
        assertEquals(1, sim.elsewhereHits());
        assertTrue(sim.problems().get(0).startsWith("the API token was sent to another host"), sim.problems().get(0));
    }

    private MultipartBody processBody(byte[] image, Map<String, String> fields) {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", "i.png", RequestBody.create(image, PNG))
                .addFormDataPart("response_format", "b64_json");
        fields.forEach(b::addFormDataPart);
        if (!fields.containsKey("image_format")) {
            b.addFormDataPart("image_format", "png");
        }
        return b.build();
    }

    private int process(String endpoint, byte[] image, Map<String, String> fields) throws IOException {
        return post(endpoint, processBody(image, fields), "Bearer " + TOKEN);
    }

    private JsonObject processAnswer(String endpoint, byte[] image) throws IOException {
        try (Response r = http.newCall(request(endpoint, processBody(image, Map.of()), "Bearer " + TOKEN))
                .execute()) {
            assertEquals(200, r.code());
            return JsonParser.parseString(r.body().string()).getAsJsonObject();
        }
    }

    private int inpaint(byte[] mask, Map<String, String> fields) throws IOException {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", "i.png", RequestBody.create(TestImages.png(300, 300), PNG))
                .addFormDataPart("mask", "m.png", RequestBody.create(mask, PNG))
                .addFormDataPart("prompt", fields.getOrDefault("prompt", "a cat"))
                .addFormDataPart("image_format", "png").addFormDataPart("response_format", "b64_json");
        fields.forEach((k, v) -> {
            if (!k.equals("prompt")) {
                b.addFormDataPart(k, v);
            }
        });
        return post("inpaint", b.build(), "Bearer " + TOKEN);
    }

    private int post(String endpoint, MultipartBody body, String auth) throws IOException {
        try (Response r = http.newCall(request(endpoint, body, auth)).execute()) {
            return r.code();
        }
    }

    private Request request(String endpoint, MultipartBody body, String auth) {
        Request.Builder b = new Request.Builder().url(sim.baseUrl() + "/images/" + endpoint).post(body);
        return auth == null ? b.build() : b.header("Authorization", auth).build();
    }
}
