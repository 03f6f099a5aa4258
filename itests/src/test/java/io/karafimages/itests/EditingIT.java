package io.karafimages.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.karafimages.testsupport.C2paVerify;
import io.karafimages.testsupport.providers.RecraftSimulator;

/**
 * The six editing skills through REST in the distribution, as a process: uploads as sources, shape and PNG masks,
 * the Recraft provider configured the way an operator does it, the offline implementations, refusals at submit,
 * charges, and the skills bundle coming and going at runtime.
 *
 * <p>Recraft cannot be reached from here: the provider talks to {@link RecraftSimulator} of test-support, a
 * SIMULATOR of Recraft's documented API that checks the multipart fields, the mask values and the auth header of
 * every request. Nothing here proves how the real service behaves.
 */
public class EditingIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final List<String> EDIT_SKILLS = List.of("edit_inpaint", "edit_replace_background",
            "edit_generate_background", "edit_image_to_image", "edit_erase_region", "variate", "upscale",
            "remove_background", "crop");

    private static RecraftSimulator recraft;
    private static KarafProcess karaf;
    private static Http http;
    private static String key;
    private static String source;
    private static String maskUpload;

    /**
     * One skill call: body (with {@code SRC}/{@code MASK} placeholders), Recraft endpoint and model, credits, the
     * offline model, and the result's size as a multiple of the source's (0: the provider decides).
     */
    private record Case(String skill, String body, String endpoint, String model, long credits, String local,
            int scale) {
        String json(String model) {
            String b = body.replace("SRC", source).replace("MASK", maskUpload);
            return model == null ? b : b.substring(0, b.length() - 1) + ",\"model\":\"" + model + "\"}";
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("edit_inpaint", "{\"image\":{\"embed_id\":\"SRC\"},\"mask\":{\"shapes\":[{\"type\":\"ellipse\","
                    + "\"x\":0.3,\"y\":0.2,\"w\":0.4,\"h\":0.5}],\"feather\":3},\"prompt\":\"a blue hat\"}",
                    "inpaint", "recraft/recraftv3", 40, "local/procedural-inpaint-v1", 1),
            new Case("edit_replace_background", "{\"image\":{\"embed_id\":\"SRC\"},\"prompt\":\"a sunny beach\"}",
                    "replaceBackground", "recraft/recraftv3", 40, "local/procedural-background-v1", 1),
            new Case("edit_generate_background", "{\"image\":{\"embed_id\":\"SRC\",\"format\":\"full\"}}",
                    "generateBackground", "recraft/recraftv3", 40, "local/neutral-background-v1", 1),
            new Case("edit_image_to_image", "{\"image\":{\"embed_id\":\"SRC\"},\"prompt\":\"a watercolour\","
                    + "\"strength\":0.3}", "imageToImage", "recraft/recraftv3", 40, "local/procedural-img2img-v1", 1),
            new Case("edit_erase_region", "{\"image\":{\"embed_id\":\"SRC\"},\"mask\":{\"embed_id\":\"MASK\"}}",
                    "eraseRegion", "recraft/erase-region", 2, "local/telea-erase-v1", 1),
            new Case("variate", "{\"image\":{\"embed_id\":\"SRC\"},\"seed\":7}", "variateImage", "recraft/variate", 40,
                    "local/variate-v1", 0),
            new Case("upscale", "{\"image\":{\"embed_id\":\"SRC\"}}", "crispUpscale", "recraft/crisp-upscale", 4,
                    "local/lanczos-upscale-v1", 2),
            new Case("upscale", "{\"image\":{\"embed_id\":\"SRC\"},\"mode\":\"creative\"}", "creativeUpscale",
                    "recraft/creative-upscale", 250, "local/lanczos-sharpen-upscale-v1", 2),
            new Case("remove_background", "{\"image\":{\"embed_id\":\"SRC\"}}", "removeBackground",
                    "recraft/remove-background", 10, "local/segmentation-cutout-v1", 1));

    @BeforeClass
    public static void startRuntimeAgainstTheRecraftSimulator() throws Exception {
        String token = "recraft-" + UUID.randomUUID();
        recraft = new RecraftSimulator(token);
        karaf = new KarafProcess(Path.of("target", "editing-it-" + System.nanoTime()));
        karaf.environment("IMAGES_IT_RECRAFT_KEY", token);
        karaf.writeConfig("images.provider.recraft", Map.of(".api.key", "$[env:IMAGES_IT_RECRAFT_KEY]",
                "base.url", recraft.baseUrl(), "timeout.seconds", "30"));
        karaf.set("etc/images.tasks.cfg", "max.attempts", "2");
        karaf.set("etc/images.tasks.cfg", "retry.base.seconds", "1");
        karaf.set("etc/images.tasks.cfg", "poll.interval.ms", "200");
        karaf.addBootFeatures("images-provider-recraft");
        karaf.enableShellUser("operator", UUID.randomUUID().toString());
        karaf.start();
        http = karaf.http();
        key = karaf.initialApiKey();
        awaitProviders("edit_inpaint", "recraft");
        source = http.upload(key, TestPictures.encode(TestPictures.subjectOnPlainBackground(640, 480), "png"),
                "image/png");
        maskUpload = http.upload(key, TestPictures.encode(TestPictures.mask(320, 240), "png"), "image/png");
    }

    @AfterClass
    public static void stop() throws Exception {
        KarafProcess.closeAll(karaf, recraft);
    }

    @After
    public void recraftSawOnlyValidRequests() {
        assertEquals("Recraft simulator", List.of(), recraft.problems());
    }

    @Test
    public void everySkillGoesToRecraftAndIsChargedOnce() {
        for (Case c : CASES) {
            int before = recraft.calls(c.endpoint());
            JsonNode task = runToEnd(c.skill(), c.json(null));
            assertEquals(c.skill() + ": " + task, "completed", task.path("status").asText());
            assertEquals(c.skill(), before + 1, recraft.calls(c.endpoint()));
            JsonNode content = http.get("/embeds/" + task.path("embed_id").asText() + "/content", key).json();
            assertEquals(c.skill(), c.model(), content.path("model").asText());
            assertEquals(c.skill(), source, content.path("source_embed_id").asText());
            assertEquals(c.skill(), c.credits(), content.path("cost").path("credits").asLong());
            assertEquals(c.skill() + " charged once", List.of(c.credits()), charges(task.path("task_id").asText()));
            checkResult(c, task.path("embed_id").asText());
        }
        RecraftSimulator.Call inpaint = recraft.calls().stream().filter(c -> c.endpoint().equals("inpaint"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("recraftv3", inpaint.fields().get("model"));
        assertEquals("a blue hat", inpaint.fields().get("prompt"));
        assertEquals(List.of(640, 480), List.of(inpaint.mask().orElseThrow().width(), inpaint.mask().orElseThrow()
                .height()));
    }

    @Test
    public void theOfflineImplementationsDoEverySkillForFree() {
        int recraftCalls = recraft.totalCalls();
        for (Case c : CASES) {
            JsonNode task = runToEnd(c.skill(), c.json(c.local()));
            assertEquals(c.skill() + ": " + task, "completed", task.path("status").asText());
            JsonNode content = http.get("/embeds/" + task.path("embed_id").asText() + "/content", key).json();
            assertEquals(c.skill(), c.local(), content.path("model").asText());
            assertEquals(c.skill() + " is free", List.of(), charges(task.path("task_id").asText()));
            checkResult(c, task.path("embed_id").asText());
        }
        assertEquals("Recraft was not called", recraftCalls, recraft.totalCalls());
    }

    @Test
    public void withoutRecraftTheOfflineProviderStandsIn() throws Exception {
        karaf.shell("feature:uninstall images-provider-recraft");
        try {
            awaitProviders("edit_inpaint", "local");
            JsonNode task = runToEnd("edit_inpaint", CASES.get(0).json(null));
            assertEquals(task.toString(), "completed", task.path("status").asText());
            assertEquals("local/procedural-inpaint-v1", http.get("/embeds/" + task.path("embed_id").asText()
                    + "/content", key).json().path("model").asText());
        } finally {
            karaf.shell("feature:install images-provider-recraft");
            awaitProviders("edit_inpaint", "recraft");
        }
    }

    @Test
    public void badInputIsRefusedAtSubmitBeforeAnythingStarts() throws Exception {
        String img = "{\"embed_id\":\"" + source + "\"}";
        String wrongRatio = http.upload(key, TestPictures.encode(TestPictures.mask(100, 100), "png"), "image/png");
        String bobName = "bob-" + System.nanoTime() % 100000;
        karaf.shell("images:user-add " + bobName);
        String bobKey = karaf.shell("images:apikey-create " + bobName).lines().filter(l -> !l.isBlank())
                .reduce((a, b) -> b).orElseThrow().trim();
        int calls = recraft.totalCalls();
        Object[][] cases = {
            { "edit_inpaint", "{\"image\":" + img + ",\"mask\":{\"shapes\":[{\"type\":\"rect\",\"x\":0.2,\"y\":0.2,"
                    + "\"w\":0,\"h\":0.5}]},\"prompt\":\"x\"}", key, 400, "mask_empty" },
            { "edit_inpaint", "{\"image\":" + img + ",\"mask\":{\"embed_id\":\"" + wrongRatio + "\"},\"prompt\":\"x\"}",
                key, 400, "mask_size_mismatch" },
            { "edit_inpaint", "{\"image\":" + img + ",\"mask\":{\"embed_id\":\"" + maskUpload + "\",\"shapes\":[]},"
                    + "\"prompt\":\"x\"}", key, 400, "invalid_mask" },
            { "edit_inpaint", "{\"image\":" + img + ",\"mask\":{\"shapes\":[{\"type\":\"polygon\",\"points\":"
                    + "[[0.1,0.1],[0.5,0.5]]}]},\"prompt\":\"x\"}", key, 400, "invalid_mask" },
            { "edit_inpaint", "{\"image\":" + img + ",\"mask\":{\"shapes\":[{\"type\":\"rect\",\"x\":\"left\"}]},"
                    + "\"prompt\":\"x\"}", key, 400, "invalid_mask" },
            { "edit_inpaint", "{\"image\":" + img + ",\"prompt\":\"x\"}", key, 400, "mask_required" },
            { "edit_image_to_image", "{\"image\":" + img + ",\"prompt\":\"x\",\"strength\":2}", key, 400,
                "invalid_strength" },
            { "edit_image_to_image", "{\"image\":" + img + ",\"prompt\":\"x\",\"colour\":1}", key, 400,
                "unknown_field" },
            { "edit_replace_background", "{\"image\":" + img + "}", key, 400, "prompt_required" },
            { "edit_replace_background", "{\"image\":" + img + ",\"prompt\":\"x\",\"vector\":true}", key, 400,
                "vector_not_supported" },
            { "variate", "{\"image\":" + img + ",\"model\":\"recraft/recraftv3\"}", key, 400, "unknown_model" },
            { "variate", "{\"image\":{\"embed_id\":\"" + source + "\"}}", bobKey, 404, "not_found" },
            { "variate", "{\"image\":{\"embed_id\":\"" + UUID.randomUUID() + "\"}}", key, 404, "not_found" },
        };
        for (Object[] c : cases) {
            Http.Response r = http.post("/apps/images/" + c[0], (String) c[2], (String) c[1]);
            assertEquals(c[1] + " -> " + r, ((Integer) c[3]).intValue(), r.status());
            assertEquals(c[1] + " -> " + r, c[4], r.json().path("code").asText());
        }
        Http.Response huge = http.post("/apps/images/edit_inpaint", key, "{\"image\":" + img + ",\"prompt\":\""
                + "x".repeat(1_500_000) + "\"}");
        assertEquals("a 1.5 MB JSON body", 413, huge.status());
        assertEquals("request_too_large", huge.json().path("code").asText());
        assertEquals("nothing reached Recraft", calls, recraft.totalCalls());

        recraft.answerOnce(RecraftSimulator.Answer.SLOW);
        Http.Response slow = http.post("/apps/images/variate", key, "{\"image\":" + img + "}");
        assertEquals(slow.toString(), 202, slow.status());
        Http.until(DEADLINE, recraft::slowRequestArrived, Boolean::booleanValue);
        Http.Response unfinished = http.post("/apps/images/variate", key,
                "{\"image\":{\"embed_id\":\"" + slow.json().path("embed_id").asText() + "\"}}");
        assertEquals(unfinished.toString(), 409, unfinished.status());
        assertEquals("embed_not_ready", unfinished.json().path("code").asText());
        recraft.releaseSlow();
        assertEquals("completed", http.awaitTask(slow.json().path("task_id").asText(), key, DEADLINE)
                .path("status").asText());
    }

    @Test
    public void aRefusalFailsTheTaskCleanlyAndCostsNothing() {
        recraft.answerOnce(RecraftSimulator.Answer.CONTENT_REFUSED);
        JsonNode task = runToEnd("edit_replace_background", CASES.get(1).json(null));
        assertEquals(task.toString(), "failed", task.path("status").asText());
        assertEquals("provider_refused", task.path("error").path("code").asText());
        assertFalse(task.path("error").path("retryable").asBoolean());
        assertEquals("error", http.get("/embeds/" + task.path("embed_id").asText(), key).json().path("status")
                .asText());
        assertEquals(List.of(), charges(task.path("task_id").asText()));
    }

    @Test
    public void theSkillsBundleComesAndGoesWithoutARestart() throws Exception {
        String components = coreComponents();
        String location = karaf.shell("bundle:list -l -t 0").lines().filter(l -> l.contains("images-skills-edit"))
                .findFirst().map(l -> l.substring(l.lastIndexOf('|') + 1).trim()).orElseThrow();
        karaf.shell("bundle:uninstall io.karafimages.images-skills-edit");
        try {
            Http.until(DEADLINE, EditingIT::skillIds, ids -> EDIT_SKILLS.stream().noneMatch(ids::contains));
            Http.Response gone = http.post("/apps/images/edit_inpaint", key, CASES.get(0).json(null));
            assertEquals(404, gone.status());
            assertEquals("unknown_skill", gone.json().path("code").asText());
            assertTrue(skillIds().contains("generate"));
        } finally {
            karaf.shell("bundle:install -s " + location);
        }
        Http.until(DEADLINE, EditingIT::skillIds, ids -> ids.containsAll(EDIT_SKILLS));
        assertEquals("core's components were not restarted", components, coreComponents());
        JsonNode task = runToEnd("variate", CASES.get(5).json(null));
        assertEquals(task.toString(), "completed", task.path("status").asText());
    }

    @Test
    public void anEditOfAnEditOfAGenerationIsTrustedWithTheWholeChain() throws Exception {
        Http.Response generated = http.post("/apps/images/generate", key, "{\"prompt\":\"a fox in the snow\"}");
        String a = completedEmbed(generated);
        String b = completedEmbed(http.post("/apps/images/edit_inpaint", key, "{\"image\":{\"embed_id\":\"" + a
                + "\"},\"mask\":{\"shapes\":[{\"type\":\"rect\",\"x\":0.1,\"y\":0.1,\"w\":0.3,\"h\":0.3}]},"
                + "\"prompt\":\"a red scarf\"}"));
        String c = completedEmbed(http.post("/apps/images/variate", key, "{\"image\":{\"embed_id\":\"" + b
                + "\"}}"));
        Path anchor = Provenance.instanceCa(http);
        for (String format : List.of("original", "full")) {
            C2paVerify.Report report = C2paVerify.verify(Provenance.download(http, key, c, format), anchor);
            assertEquals(format + ": " + report, "Trusted", report.state());
            assertEquals(format + ": " + report, List.of(), report.failureCodes());
            List<JsonNode> chain = Provenance.parentChain(report);
            assertEquals(format + ": variate -> inpaint -> generate", 3, chain.size());
            assertEquals(List.of("c2pa.opened", "c2pa.edited"), Provenance.actions(chain.get(0)).subList(0, 2));
            assertEquals(List.of("c2pa.opened", "c2pa.edited"), Provenance.actions(chain.get(1)).subList(0, 2));
            assertEquals("c2pa.created", Provenance.actions(chain.get(2)).get(0));
            assertEquals(Provenance.TRAINED, Provenance.editSourceType(chain.get(0)));
            for (JsonNode ingredient : Provenance.parentIngredients(report)) {
                assertEquals(ingredient.toString(), List.of(), Provenance.codes(ingredient, "failure"));
                assertTrue(ingredient.toString(), Provenance.codes(ingredient, "success")
                        .contains("signingCredential.trusted"));
            }
        }
    }

    @Test
    public void anUploadIsCleanUnlabelledAndKeepsItsOwnC2paManifestAsTheEditsIngredient() throws Exception {
        byte[] jpeg = Provenance.withGpsAndOrientation6(TestPictures.encode(
                TestPictures.subjectOnPlainBackground(320, 200), "jpg"));
        String photo = http.upload(key, jpeg, "image/jpeg");
        for (String format : List.of("original", "full", "preview")) {
            JsonNode tags = Provenance.exifTool(Provenance.download(http, key, photo, format));
            assertFalse(format + ": " + tags, tags.toString().contains("GPS"));
            assertFalse(format + ": " + tags, tags.has("XMP-iptcExt:DigitalSourceType"));
            assertFalse(format + ": " + tags, tags.toString().contains("TestCam"));
        }
        assertEquals("the orientation was applied", List.of(200, 320), List.of(TestPictures.size(http.get(
                "/embeds/" + photo + "/file?format=original", key).body())[0], TestPictures.size(http.get(
                "/embeds/" + photo + "/file?format=original", key).body())[1]));
        assertEquals("upload", http.get("/embeds/" + photo + "/content", key).json().path("source").asText());

        byte[] signed = java.nio.file.Files.readAllBytes(C2paVerify.home().resolve("fixtures/ref/node-es256.png"));
        String upload = http.upload(key, signed, "image/png");
        // the fixture is 160x120, under Recraft's 256 px minimum: the offline eraser, a classical algorithm
        String edited = completedEmbed(http.post("/apps/images/edit_erase_region", key, "{\"image\":{\"embed_id\":\""
                + upload + "\"},\"mask\":{\"shapes\":[{\"type\":\"rect\",\"x\":0.5,\"y\":0.5,\"w\":0.3,"
                + "\"h\":0.3}]},\"model\":\"local/telea-erase-v1\"}"));
        Path anchors = Provenance.anchors(Provenance.instanceCa(http), C2paVerify.home().resolve("testca/ca.pem"));
        C2paVerify.Report report = C2paVerify.verify(Provenance.download(http, key, edited, "original"), anchors);
        assertEquals(report.toString(), "Trusted", report.state());
        List<JsonNode> chain = Provenance.parentChain(report);
        assertEquals("edit -> our upload manifest -> the upload's own manifest: " + chain, 3, chain.size());
        assertEquals(List.of("c2pa.opened", "c2pa.edited"), Provenance.actions(chain.get(0)).subList(0, 2));
        assertEquals("a classical edit of a non-AI upload is not labelled AI-made", "",
                Provenance.editSourceType(chain.get(0)));
        assertEquals(List.of("c2pa.opened", "c2pa.edited.metadata"), Provenance.actions(chain.get(1)).subList(0, 2));
        assertFalse(Provenance.exifTool(Provenance.download(http, key, edited, "full")).has(
                "XMP-iptcExt:DigitalSourceType"));
    }

    @Test
    public void cropKeepsTheExactPixelsAndIsRecordedAsCropped() throws Exception {
        String cropped = completedEmbed(http.post("/apps/images/crop", key, "{\"image\":{\"embed_id\":\"" + source
                + "\"},\"rect\":{\"x\":0.25,\"y\":0.125,\"w\":0.5,\"h\":0.5}}"));
        java.awt.image.BufferedImage whole = TestPictures.read(http.get("/embeds/" + source
                + "/file?format=original", key).body());
        java.awt.image.BufferedImage part = TestPictures.read(http.get("/embeds/" + cropped
                + "/file?format=original", key).body());
        assertEquals(List.of(320, 240), List.of(part.getWidth(), part.getHeight()));
        assertTrue("exactly the source's pixels", java.util.Arrays.equals(whole.getRGB(160, 60, 320, 240, null, 0, 320),
                part.getRGB(0, 0, 320, 240, null, 0, 320)));
        JsonNode content = http.get("/embeds/" + cropped + "/content", key).json();
        assertEquals("local/crop-v1", content.path("model").asText());
        assertEquals(0, content.path("cost").path("credits").asLong());
        Path anchor = Provenance.instanceCa(http);
        for (String format : List.of("original", "full")) {
            C2paVerify.Report report = C2paVerify.verify(Provenance.download(http, key, cropped, format), anchor);
            assertEquals(format + ": " + report, "Trusted", report.state());
            List<JsonNode> chain = Provenance.parentChain(report);
            assertEquals(List.of("c2pa.opened", "c2pa.cropped"), Provenance.actions(chain.get(0)).subList(0, 2));
        }
        Http.Response outside = http.post("/apps/images/crop", key, "{\"image\":{\"embed_id\":\"" + source
                + "\"},\"rect\":{\"x\":0.75,\"y\":0,\"w\":0.5,\"h\":0.5}}");
        assertEquals(outside.toString(), 400, outside.status());
        assertEquals("invalid_rect", outside.json().path("code").asText());
    }

    @Test
    public void anUpscaleIsTrustedWithItsSourceAsParentAndOneOverTheLimitIsRefusedBeforeAnyCall() throws Exception {
        String generated = completedEmbed(http.post("/apps/images/generate", key, "{\"prompt\":\"a harbour\"}"));
        String upscaled = completedEmbed(http.post("/apps/images/upscale", key, "{\"image\":{\"embed_id\":\""
                + generated + "\"},\"scale\":2}"));
        Path anchor = Provenance.instanceCa(http);
        for (String format : List.of("original", "full")) {
            C2paVerify.Report report = C2paVerify.verify(Provenance.download(http, key, upscaled, format), anchor);
            assertEquals(format + ": " + report, "Trusted", report.state());
            List<JsonNode> chain = Provenance.parentChain(report);
            assertEquals(2, chain.size());
            assertEquals(List.of("c2pa.opened", "c2pa.resized"), Provenance.actions(chain.get(0)).subList(0, 2));
        }
        assertEquals(400, http.post("/apps/images/upscale", key, "{\"image\":{\"embed_id\":\"" + source
                + "\"},\"scale\":3}").status());

        String big = http.upload(key, TestPictures.encode(TestPictures.subjectOnPlainBackground(3400, 3400), "png"),
                "image/png");
        int calls = recraft.calls("crispUpscale");
        JsonNode task = runToEnd("upscale", "{\"image\":{\"embed_id\":\"" + big + "\"},\"scale\":4}");
        assertEquals(task.toString(), "failed", task.path("status").asText());
        assertEquals("image_too_large", task.path("error").path("code").asText());
        assertEquals("no provider call", calls, recraft.calls("crispUpscale"));
        assertEquals(List.of(), charges(task.path("task_id").asText()));
    }

    /** The result's size follows the case; a background removal keeps alpha in all three renditions. */
    private static void checkResult(Case c, String embedId) {
        int[] size = TestPictures.size(http.get("/embeds/" + embedId + "/file?format=original", key).body());
        if (c.scale() > 0) {
            assertEquals(c.skill() + " size", List.of(640 * c.scale(), 480 * c.scale()), List.of(size[0], size[1]));
        }
        if (c.skill().equals("remove_background")) {
            assertTrue("original has alpha", TestPictures.read(http.get("/embeds/" + embedId
                    + "/file?format=original", key).body()).getColorModel().hasAlpha());
            for (String format : List.of("full", "preview")) {
                assertTrue(format + " WebP has alpha", TestPictures.webpHasAlpha(http.get("/embeds/" + embedId
                        + "/file?format=" + format, key).body()));
            }
        }
    }

    private static String completedEmbed(Http.Response accepted) {
        assertEquals(accepted.toString(), 202, accepted.status());
        JsonNode task = http.awaitTask(accepted.json().path("task_id").asText(), key, DEADLINE);
        assertEquals(task.toString(), "completed", task.path("status").asText());
        return task.path("embed_id").asText();
    }

    /** Ids and states of core's components: a restart would give them new ids. */
    private static String coreComponents() throws Exception {
        return karaf.shell("scr:list").lines().filter(l -> l.contains("io.karafimages.core.internal"))
                .map(String::trim).sorted().reduce("", (a, b) -> a + b + "\n");
    }

    private static JsonNode runToEnd(String skill, String body) {
        return http.runToEnd(key, skill, body, DEADLINE);
    }

    private static List<Long> charges(String taskId) {
        return http.charges(key, taskId);
    }

    private static Set<String> skillIds() {
        return Set.copyOf(StreamSupport.stream(http.get("/apps/images/skills", key).json().spliterator(), false)
                .map(s -> s.path("id").asText()).toList());
    }

    /** Waits until the skill lists exactly these providers. */
    private static void awaitProviders(String skill, String... providers) {
        Http.until(DEADLINE, () -> StreamSupport.stream(http.get("/apps/images/skills", key).json().spliterator(),
                false).filter(s -> s.path("id").asText().equals(skill)).findFirst()
                .map(s -> s.path("providers").toString()).orElse(""),
                p -> p.equals(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(List.of(providers))
                        .toString()));
    }
}
