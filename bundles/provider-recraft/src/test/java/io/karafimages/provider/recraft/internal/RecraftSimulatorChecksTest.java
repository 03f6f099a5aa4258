package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

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
