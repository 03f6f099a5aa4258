package com.example.images.solid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.karafimages.api.Cost;
import io.karafimages.api.ImagesException;
import io.karafimages.api.TaskCancelledException;
import io.karafimages.spi.skill.SkillResult;
import io.karafimages.testkit.FakeSkillContext;
import io.karafimages.testkit.SkillHarness;
import io.karafimages.testkit.TestImages;

/** The example skill as its author would test it: the testkit's harness and fake context, no container. */
class SolidColourSkillTest {
    private final SolidColourSkill skill = new SolidColourSkill();
    private final SkillHarness<SolidColourSkill.Input> harness = SkillHarness.of(skill);

    @Test
    void bindsTheBodyAppliesDefaultsAndStoresTheColourInLowerCase() {
        assertEquals(new SolidColourSkill.Input("#3366ff", 512, 512), harness.submit("{\"color\":\"#3366FF\"}"));
        assertEquals(new SolidColourSkill.Input("#000000", 640, 480),
                harness.submit("{\"color\":\"#000000\",\"width\":640,\"height\":480}"));
        assertEquals("{\"color\":\"#3366ff\",\"width\":512,\"height\":512}", harness.stored("{\"color\":\"#3366FF\"}"));
    }

    @Test
    void anUnknownFieldIsRefused() {
        ImagesException e = assertThrows(ImagesException.class,
                () -> harness.submit("{\"color\":\"#3366ff\",\"colour\":\"#3366ff\"}"));
        assertEquals("unknown_field", e.code());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("colour"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"color\":\"red\"}                          | invalid_color",
        "{\"color\":\"#12345\"}                       | invalid_color",
        "{\"color\":\"#12345g\"}                      | invalid_color",
        "{}                                           | color_required",
        "{\"color\":\"\"}                             | color_required",
        "{\"color\":255}                              | invalid_color",
        "{\"color\":\"#3366ff\",\"width\":0}          | invalid_width",
        "{\"color\":\"#3366ff\",\"width\":4096}       | invalid_width",
        "{\"color\":\"#3366ff\",\"width\":\"640\"}    | invalid_width",
        "{\"color\":\"#3366ff\",\"height\":10.5}      | invalid_height",
    })
    void badInputIsA400WithACodeThatSaysWhatToFix(String body, String code) {
        ImagesException e = assertThrows(ImagesException.class, () -> harness.submit(body.strip()));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(400, e.httpStatus());
    }

    @Test
    void paintsAPngOfTheAskedSizeInTheAskedColour() {
        FakeSkillContext context = FakeSkillContext.create();
        SkillResult result = harness.run("{\"color\":\"#3366ff\",\"width\":64,\"height\":32}", context);

        assertEquals("image/png", result.mediaType());
        assertEquals("example/solid-v1", result.model());
        assertEquals(Cost.FREE, result.cost());
        BufferedImage png = TestImages.decode(result.image());
        assertEquals(64, png.getWidth());
        assertEquals(32, png.getHeight());
        for (int[] p : new int[][] { { 0, 0 }, { 63, 0 }, { 0, 31 }, { 63, 31 }, { 32, 16 } }) {
            assertEquals(0x3366ff, png.getRGB(p[0], p[1]) & 0xffffff, "pixel " + p[0] + "," + p[1]);
        }
    }

    @Test
    void reportsProgressUpToDone() {
        FakeSkillContext context = FakeSkillContext.create();
        harness.run("{\"color\":\"#00ff00\",\"width\":8,\"height\":8}", context);
        List<FakeSkillContext.Progress> reports = context.progressReports();
        assertTrue(reports.size() >= 2, reports.toString());
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i).fraction() >= reports.get(i - 1).fraction(), "progress never goes back");
        }
        assertEquals(1.0, context.lastProgress().orElseThrow().fraction());
    }

    @Test
    void stopsAtItsSafePointWhenCancelled() {
        FakeSkillContext context = FakeSkillContext.create();
        context.cancelAfterProgressReports(1);
        assertThrows(TaskCancelledException.class, () -> harness.run("{\"color\":\"#00ff00\"}", context));
        assertEquals(1, context.progressReports().size(), "nothing after the cancellation");
    }

    @Test
    void describesItselfForTheListing() {
        assertEquals("Solid colour", skill.descriptor().title());
        assertEquals(Cost.FREE, skill.descriptor().cost());
        assertEquals(SolidColourSkill.Input.class, skill.inputType());
    }
}
