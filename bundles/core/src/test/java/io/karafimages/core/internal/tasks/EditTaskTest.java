package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.karafimages.api.RenditionFormat;
import io.karafimages.api.Task;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.EditSkill;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.spi.provenance.ProvenanceInfo;
import io.karafimages.spi.skill.Field;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Skill;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.spi.skill.SkillDescriptor;
import io.karafimages.spi.skill.SkillResult;

/**
 * The engine path of an edit: a skill reads its image and mask through the context, its result is stored as an
 * edit of the source with the provenance the rules in {@code TaskAttempt#provenance} give, and {@code run()} sees
 * exactly the input {@code normalize()} returned.
 */
class EditTaskTest {
    private Harness harness;
    private EditSkill edit;
    private DefaultTaskService tasks;

    @BeforeEach
    void setUp() throws Exception {
        edit = new EditSkill();
        harness = new Harness().provider(new ScriptedProvider()).skill("edit_test", edit);
        tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Task run(String skill, Map<String, Object> body) {
        Task t = tasks.submit("u1", skill, body, Optional.empty());
        Task done = Await.until(() -> tasks.find("u1", t.taskId()).orElseThrow(), s -> s.status().isTerminal(),
                "task " + t.taskId());
        assertEquals(TaskStatus.COMPLETED, done.status(), () -> String.valueOf(done.error()));
        return done;
    }

    private Map<String, Object> content(Task t) {
        return harness.embeds.content("u1", t.embedId());
    }

    private static Map<String, Object> editOf(String embedId, String how) {
        return Map.of("image", Map.of("embed_id", embedId), "how", how,
                "mask", Map.of("shapes", List.of(Map.of("type", "rect", "x", 0.25, "y", 0.25, "w", 0.5, "h", 0.5))));
    }

    @Test
    void aGenerativeEditOfAnUploadIsACompositeWithItsSourceNamed() {
        String photo = harness.upload("u1", TestImages.image(320, 240, BufferedImage.TYPE_INT_RGB));
        Task done = run("edit_test", editOf(photo, "generative"));

        InputImage seen = edit.image.get();
        assertEquals(320, seen.width());
        assertEquals(240, seen.height());
        assertFalse(seen.aiGenerated());
        assertEquals(320, edit.mask.get().width(), "the mask has the image's size");
        assertEquals(240, edit.mask.get().height());
        assertEquals(0.25, edit.mask.get().coverage(), 1e-9);

        Map<String, Object> content = content(done);
        assertEquals(photo, content.get("source_embed_id"));
        assertEquals("edit", content.get("source"));
        assertEquals("c2pa.edited", content.get("edit"));
        assertEquals(EditSkill.MODEL, content.get("model"));
        assertEquals("edit_test", content.get("skill"));
        assertEquals(true, content.get("ai_generated"));
        assertEquals(ProvenanceInfo.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, content.get("digital_source_type"));
        assertEquals(320, done.files().get(RenditionFormat.ORIGINAL).width());
        assertEquals(240, done.files().get(RenditionFormat.ORIGINAL).height());

        BufferedImage result = harness.inputs.image("u1", ImageRef.of(done.embedId())).decoded();
        assertEquals(0xffffff, result.getRGB(160, 120) & 0xffffff, "the masked middle was painted");
        assertTrue(harness.embeds.facts("u1", done.embedId()).aiGenerated(), "the edit counts as AI-made now");
    }

    @Test
    void anAlgorithmicEditOfAnUploadIsNotLabelledAiMade() {
        String photo = harness.upload("u1", TestImages.image(200, 200, BufferedImage.TYPE_INT_RGB));
        Map<String, Object> content = content(run("edit_test", editOf(photo, "algorithmic")));
        assertEquals(photo, content.get("source_embed_id"));
        assertEquals(false, content.get("ai_generated"));
        assertFalse(content.containsKey("digital_source_type"));
    }

    @Test
    void anyEditOfAGeneratedImageIsAiMade() {
        Task generated = run("generate", Map.of("prompt", "a fox"));
        assertTrue(edit.image.get() == null);
        Map<String, Object> content = content(run("edit_test", editOf(generated.embedId(), "algorithmic")));
        assertTrue(edit.image.get().aiGenerated());
        assertEquals(generated.embedId(), content.get("source_embed_id"));
        assertEquals(true, content.get("ai_generated"));
        assertEquals(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA, content.get("digital_source_type"));
    }

    @Test
    void aClassicalEditOfACompositeStaysAComposite() {
        // An inpainted photo is a composite; cropping or resizing it does not make the whole picture synthetic.
        String photo = harness.upload("u1", TestImages.image(200, 200, BufferedImage.TYPE_INT_RGB));
        Task composite = run("edit_test", editOf(photo, "generative"));
        Map<String, Object> content = content(run("edit_test", editOf(composite.embedId(), "algorithmic")));
        assertEquals(ProvenanceInfo.COMPOSITE_WITH_TRAINED_ALGORITHMIC_MEDIA, content.get("digital_source_type"));
    }

    @Test
    void anUploadedMaskIsScaledToTheImageTheSkillReads() {
        String photo = harness.upload("u1", TestImages.image(400, 200, BufferedImage.TYPE_INT_RGB));
        BufferedImage maskImage = new BufferedImage(100, 50, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 25; x++) {
                maskImage.getRaster().setSample(x, y, 0, 255);
            }
        }
        String mask = harness.upload("u1", maskImage);
        run("edit_test", Map.of("image", Map.of("embed_id", photo), "mask", Map.of("embed_id", mask)));
        assertEquals(400, edit.mask.get().width());
        assertEquals(200, edit.mask.get().height());
        assertEquals(0.25, edit.mask.get().coverage(), 0.01);
    }

    // ---- run() sees exactly what normalize() returned (the 1.x drift bug) ----

    record Step(@Field(required = true) String name, Long size) {
    }

    record Tuned(@Field(required = true) ImageRef image, Long seed, Step first, List<Step> steps, Double strength,
            Integer count) {
    }

    /** Fills defaults in normalize() and records what run() receives. */
    static final class TunedSkill implements Skill<Tuned> {
        final AtomicReference<Tuned> normalized = new AtomicReference<>();
        final AtomicReference<Tuned> received = new AtomicReference<>();
        final AtomicReference<InputImage> image = new AtomicReference<>();

        @Override
        public Class<Tuned> inputType() {
            return Tuned.class;
        }

        @Override
        public SkillDescriptor descriptor() {
            return SkillDescriptor.builder("Tuned").build();
        }

        @Override
        public Tuned normalize(Tuned in) {
            Tuned out = new Tuned(new ImageRef(in.image().embedId(), "full"), in.seed() == null ? 7L : in.seed(),
                    in.first() == null ? new Step("default", 3L) : in.first(),
                    List.of(new Step("a", 1L), new Step("b", 5_000_000_000L)),
                    in.strength() == null ? 1.0 : in.strength(), 2);
            normalized.set(out);
            return out;
        }

        @Override
        public SkillResult run(Tuned in, SkillContext context) {
            received.set(in);
            InputImage img = context.image(in.image());
            image.set(img);
            return SkillResult.image(TestImages.encode(img.decoded(), "png"), "image/png").model("test/tuned-v1")
                    .editOf(in.image(), SkillResult.Edit.algorithmic(SkillResult.Edit.RESIZED)).build();
        }
    }

    @Test
    void runReceivesExactlyTheTypesNormalizeReturned() {
        TunedSkill tuned = new TunedSkill();
        harness.skill("tuned", tuned);
        String photo = harness.upload("u1", TestImages.image(120, 80, BufferedImage.TYPE_INT_RGB));
        Task done = run("tuned", Map.of("image", Map.of("embed_id", photo)));

        Tuned normalized = tuned.normalized.get();
        Tuned received = tuned.received.get();
        assertNotNull(received);
        assertEquals(normalized, received);
        assertEquals(Long.class, received.seed().getClass(), "a small Long stays a Long");
        assertEquals(Step.class, received.first().getClass(), "a nested record stays a record");
        assertEquals(Step.class, received.steps().get(1).getClass());
        assertEquals(Long.class, received.steps().get(0).size().getClass());
        assertEquals(5_000_000_000L, received.steps().get(1).size());
        assertEquals(Double.class, received.strength().getClass(), "1.0 stays a Double, not an Integer");
        assertEquals(Integer.class, received.count().getClass());
        assertEquals("full", received.image().format());
        assertEquals("image/webp", tuned.image.get().mediaType(), "the normalised rendition was read");

        Map<String, Object> content = content(done);
        assertEquals("c2pa.resized", content.get("edit"));
        assertEquals(photo, content.get("source_embed_id"));
    }
}
