package io.karafimages.itests;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * What the web app's browser tests do on the page, in the words of its users: log in, wait for a new card, open
 * the viewer, drag on the drawing surface. Cards are read by script: live updates re-render them, so element
 * handles go stale.
 */
final class AppPage {
    static final Duration WAIT = Duration.ofSeconds(60);

    private AppPage() {
    }

    static void login(Browser b, String user, String password) {
        b.awaitVisible("#login-form", WAIT);
        b.find("#username").clear();
        b.find("#username").sendKeys(user);
        b.find("#password").sendKeys(password);
        b.find("#login-form button[type=submit]").click();
        b.awaitVisible("#app", WAIT);
        assertEquals(user, b.find("#user-name").getText());
        b.await(WAIT, "skills loaded", d -> !b.all("#skill option").isEmpty());
    }

    static String card(String embedId) {
        return "#gallery li.card[data-embed-id='" + embedId + "']";
    }

    static void awaitPreview(Browser b, String card) {
        b.await(WAIT, "the preview", d -> "finished".equals(b.find(card).getAttribute("data-status"))
                && Boolean.TRUE.equals(b.js("const i = document.querySelector(arguments[0] + ' img.preview');"
                        + "return !!i && i.complete && i.naturalWidth > 0", card)));
    }

    /** Opens the embed's card in the fullscreen viewer and waits for the full image. */
    static void openViewer(Browser b, String embedId) {
        b.await(WAIT, "the card of " + embedId, d -> !b.all(card(embedId) + " button.open").isEmpty());
        b.find(card(embedId) + " button.open").click();
        b.awaitVisible("#viewer", WAIT);
        b.await(WAIT, "the full image", d -> Boolean.TRUE.equals(b.js(
                "const i = document.getElementById('viewer-img'); return i.complete && i.naturalWidth > 0"
                        + " && i.src.includes(arguments[0])", embedId)));
    }

    /** Drags on the drawing surface between two points given as fractions of the image, from its centre. */
    static void drag(Browser b, double fx0, double fy0, double fx1, double fy1) {
        WebElement canvas = b.find("#overlay");
        int w = canvas.getSize().getWidth();
        int h = canvas.getSize().getHeight();
        new Actions(b.driver).moveToElement(canvas, (int) (fx0 * w), (int) (fy0 * h)).clickAndHold()
                .moveByOffset((int) ((fx1 - fx0) * w / 2), (int) ((fy1 - fy0) * h / 2))
                .moveByOffset((int) ((fx1 - fx0) * w / 2), (int) ((fy1 - fy0) * h / 2)).release().perform();
    }

    static String awaitNewFinishedCard(Browser b, Set<String> before) {
        return awaitNewCard(b, before, "finished");
    }

    /** A card that was not there before, in this state. */
    @SuppressWarnings("unchecked")
    static String awaitNewCard(Browser b, Set<String> before, String status) {
        return b.await(WAIT, "a new " + status + " card", d -> ((List<String>) b.js("return [...document"
                + ".querySelectorAll('#gallery li.card')].filter(li => li.dataset.status === arguments[0])"
                + ".map(li => li.dataset.embedId)", status)).stream().filter(id -> !before.contains(id)).findFirst()
                .orElse(null));
    }

    @SuppressWarnings("unchecked")
    static Set<String> cardIds(Browser b) {
        return new HashSet<>((List<String>) b.js("return [...document.querySelectorAll('#gallery li.card')]"
                + ".map(li => li.dataset.embedId)"));
    }
}
