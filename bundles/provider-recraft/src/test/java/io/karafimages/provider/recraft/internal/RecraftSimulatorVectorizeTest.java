package io.karafimages.provider.recraft.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.karafimages.testsupport.providers.RecraftSimulator;
import io.karafimages.testsupport.providers.RecraftTracing;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The simulator's vectorize endpoint fed directly: its checks (auth, fields, limits) and its answers (the traced
 * SVG, the hostile one, a URL result), so that "no problems" in the adapter tests means something.
 */
class RecraftSimulatorVectorizeTest {
    private static final String TOKEN = "sim-vectorize-token";
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
    void answersTenCreditsAndAnSvgTracedFromTheInputAtItsSize() throws IOException {
        JsonObject answer = answer(TestImages.subjectPng(400, 300), Map.of("response_format", "b64_json"));
        assertEquals(10, answer.get("credits").getAsInt());
        Document svg = TestSvgs.parse(Base64.getDecoder().decode(answer.getAsJsonObject("image").get("b64_json")
                .getAsString()));
        assertEquals("400 300 0 0 400 300", TestSvgs.size(svg));
        assertEquals(Optional.of(Color.WHITE), TestSvgs.fillAt(svg, 2, 2));
        assertEquals(Optional.of(TestImages.SOURCE), TestSvgs.fillAt(svg, 150, 150));
        assertEquals(Optional.of(Color.WHITE), TestSvgs.fillAt(svg, 200, 150), "the hole in the subject");
        assertEquals(Optional.of(Color.WHITE), TestSvgs.fillAt(svg, 399, 299));
        assertEquals(List.of(), sim.problems());
    }

    @Test
    void aPartlyTransparentInputGivesOpacityAndATransparentOneNoRect() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB); // transparent
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, 0x80ff0000);
            }
        }
        String svg = new String(Base64.getDecoder().decode(answer(TestImages.encode(img, "png"), Map.of(
                "response_format", "b64_json")).getAsJsonObject("image").get("b64_json").getAsString()),
                StandardCharsets.UTF_8);
        assertTrue(svg.contains("fill=\"#ff0000\" fill-opacity=\"0.502\""), svg);
        Document doc = TestSvgs.parse(svg.getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), TestSvgs.fillAt(doc, 40, 10), "nothing drawn where the input is transparent");
    }

    @Test
    void theToolPageFieldsPassAndAnythingElseIsRecorded() throws IOException {
        byte[] png = TestImages.png(300, 300);
        assertEquals(200, post(body(png, Map.of("response_format", "b64_json", "svg_compression", "true",
                "expire", "false")), "Bearer " + TOKEN));
        assertEquals(200, post(body(png, Map.of("image_format", "png", "prompt", "a cat")), "Bearer " + TOKEN));
        assertEquals(400, post(body(png, Map.of("response_format", "svg")), "Bearer " + TOKEN));
        assertEquals(401, post(body(png, Map.of()), null));
        assertEquals(List.of("vectorize: unknown field prompt", "vectorize: image_format sent, but the result is an "
                + "SVG", "vectorize: response_format=svg is not allowed", "Authorization on vectorize was missing"),
                sim.problems());
        assertEquals(2, sim.calls().size());
        assertEquals(Map.of("response_format", "b64_json", "svg_compression", "true", "expire", "false"),
                sim.calls().get(0).fields());
        assertArrayEquals(png, sim.calls().get(0).image().data());
    }

    @Test
    void anySideIsTakenButNotMoreThanSixteenMegapixels() throws IOException {
        assertEquals(200, post(body(TestImages.png(40, 20), Map.of()), "Bearer " + TOKEN));
        assertEquals(200, post(body(TestImages.png(5000, 200), Map.of()), "Bearer " + TOKEN));
        Request tooLarge = request(body(TestImages.png(4001, 4000), Map.of()), "Bearer " + TOKEN);
        try (Response r = http.newCall(tooLarge).execute()) {
            assertEquals(400, r.code());
            JsonObject error = JsonParser.parseString(r.body().string()).getAsJsonObject();
            assertEquals("invalid_request", error.get("code").getAsString());
            assertEquals("image 4001x4000 is over 16 MP", error.get("message").getAsString());
        }
        assertEquals(List.of("vectorize: image 4001x4000 is over 16 MP"), sim.problems());
    }

    @Test
    void theHostileSvgCarriesEveryAttackAroundAWellFormedDrawingOfTheRightSize() throws IOException {
        sim.hostileSvg(true);
        byte[] data = Base64.getDecoder().decode(answer(TestImages.png(200, 120), Map.of("response_format",
                "b64_json")).getAsJsonObject("image").get("b64_json").getAsString());
        String text = new String(data, StandardCharsets.UTF_8);
        for (String marker : RecraftTracing.HOSTILE_MARKERS) {
            assertTrue(text.contains(marker), marker);
        }
        RecraftSvg.requireSvg(data);
        Document svg = TestSvgs.parse(data);
        assertEquals("200 120 0 0 200 120", TestSvgs.size(svg));
        assertEquals(Optional.of(TestImages.SOURCE), TestSvgs.fillAt(svg, 1, 1));
        assertEquals(Optional.of(TestImages.SOURCE), TestSvgs.fillAt(svg, 199, 119));

        sim.hostileSvg(false);
        String clean = new String(Base64.getDecoder().decode(answer(TestImages.png(200, 120), Map.of(
                "response_format", "b64_json")).getAsJsonObject("image").get("b64_json").getAsString()),
                StandardCharsets.UTF_8);
        assertTrue(RecraftTracing.HOSTILE_MARKERS.stream().noneMatch(clean::contains), clean);
        assertEquals(0, sim.elsewhereHits());
    }

    @Test
    void aUrlResultIsTheSvgServedByTheOtherHost() throws IOException {
        String url = answer(TestImages.png(300, 256), Map.of()).getAsJsonObject("image").get("url").getAsString();
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            assertEquals(200, r.code());
            assertEquals("image/svg+xml", r.header("Content-Type"));
            assertEquals("300 256 0 0 300 256", TestSvgs.size(TestSvgs.parse(r.body().bytes())));
        }
        assertEquals(1, sim.elsewhereHits());
        assertEquals(List.of(), sim.problems());
    }

    private MultipartBody body(byte[] image, Map<String, String> fields) {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("image", "i.png", RequestBody.create(image, PNG));
        fields.forEach(b::addFormDataPart);
        return b.build();
    }

    private JsonObject answer(byte[] image, Map<String, String> fields) throws IOException {
        try (Response r = http.newCall(request(body(image, fields), "Bearer " + TOKEN)).execute()) {
            assertEquals(200, r.code());
            return JsonParser.parseString(r.body().string()).getAsJsonObject();
        }
    }

    private int post(MultipartBody body, String auth) throws IOException {
        try (Response r = http.newCall(request(body, auth)).execute()) {
            return r.code();
        }
    }

    private Request request(MultipartBody body, String auth) {
        Request.Builder b = new Request.Builder().url(sim.baseUrl() + "/images/vectorize").post(body);
        return auth == null ? b.build() : b.header("Authorization", auth).build();
    }
}
