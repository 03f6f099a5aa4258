package io.karafimages.provider.local.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Four colours that a procedural fill runs through, chosen deterministically. From a prompt: colour and scene words
 * it knows ("red", "forest", "sunset") give the first colours, a hash of the prompt the rest, so a prompt that
 * names blue gets a blue picture and any other prompt still gets a stable one. Immutable.
 */
record Palette(int[] colours) {
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("red", 0xc8302c), Map.entry("orange", 0xee8a2a), Map.entry("yellow", 0xf2d34b),
            Map.entry("gold", 0xd4a93c), Map.entry("green", 0x4c9a4a), Map.entry("teal", 0x2a8c8c),
            Map.entry("cyan", 0x47c6d8), Map.entry("blue", 0x2f6cc4), Map.entry("navy", 0x1c2a5a),
            Map.entry("purple", 0x7a4aa8), Map.entry("violet", 0x8e5cc8), Map.entry("pink", 0xe88bb4),
            Map.entry("magenta", 0xc83c9c), Map.entry("brown", 0x7a5230), Map.entry("beige", 0xd9c7a3),
            Map.entry("white", 0xf2f2ee), Map.entry("black", 0x1a1a1c), Map.entry("gray", 0x8a8a8e),
            Map.entry("grey", 0x8a8a8e), Map.entry("silver", 0xbfc3c8), Map.entry("sky", 0x8cc3ee),
            Map.entry("sea", 0x236f94), Map.entry("ocean", 0x1d5f8a), Map.entry("water", 0x3a86b0),
            Map.entry("forest", 0x2f5d34), Map.entry("grass", 0x6aa84f), Map.entry("leaves", 0x5a8f3c),
            Map.entry("sunset", 0xf07b3f), Map.entry("fire", 0xe2552b), Map.entry("night", 0x151b38),
            Map.entry("snow", 0xeef3f8), Map.entry("sand", 0xe0c48f), Map.entry("desert", 0xd2a66a),
            Map.entry("beach", 0xe6d2a2), Map.entry("stone", 0x8d8a82), Map.entry("wood", 0x8b5e3c),
            Map.entry("brick", 0x9c4a33), Map.entry("studio", 0xd8d8d4), Map.entry("marble", 0xe8e4de));

    /** The palette a prompt calls for. */
    static Palette fromPrompt(String prompt) {
        String text = prompt == null ? "" : prompt.toLowerCase(Locale.ROOT).trim();
        List<Integer> named = new ArrayList<>();
        for (String word : text.split("[^a-z]+")) {
            Integer c = WORDS.get(word);
            if (c != null && !named.contains(c) && named.size() < 3) {
                named.add(c);
            }
        }
        SplittableRandom rnd = new SplittableRandom(seedOf(text));
        int[] colours = new int[4];
        double baseHue = rnd.nextDouble();
        for (int i = 0; i < colours.length; i++) {
            if (i < named.size()) {
                colours[i] = 0xff000000 | named.get(i);
            } else if (!named.isEmpty()) {
                colours[i] = shade(colours[i % named.size()], rnd); // variations of what the prompt named
            } else {
                double hue = baseHue + (rnd.nextBoolean() ? 1 : -1) * 0.08 * i; // analogous hues
                colours[i] = Colours.hsv(hue, 0.35 + 0.45 * rnd.nextDouble(), 0.35 + 0.6 * rnd.nextDouble());
            }
        }
        return new Palette(colours);
    }

    /**
     * A quiet studio backdrop for a subject of this mean colour: the subject's hue barely saturated, light behind a
     * dark subject and a little darker behind a light one, so the subject stands out without a new colour scheme.
     */
    static Palette neutralFor(int subjectMean) {
        double[] hsv = Colours.toHsv(subjectMean);
        double saturation = Math.min(0.15, hsv[1] * 0.3);
        double top = hsv[2] < 0.6 ? 0.93 : 0.78;
        int[] colours = new int[4];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = Colours.hsv(hsv[0] + 0.02 * i, saturation, top - 0.07 * i);
        }
        return new Palette(colours);
    }

    /** The colour at {@code t} (0..1, clamped) along the palette, linearly between neighbours. */
    int at(double t) {
        double pos = Math.max(0, Math.min(1, t)) * (colours.length - 1);
        int i = Math.min(colours.length - 2, (int) pos);
        return Colours.mix(colours[i], colours[i + 1], pos - i);
    }

    /** The average colour, which the colour grade of image-to-image moves towards. */
    int mean() {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int c : colours) {
            r += Colours.red(c);
            g += Colours.green(c);
            b += Colours.blue(c);
        }
        return Colours.rgb(r / colours.length, g / colours.length, b / colours.length);
    }

    /** A stable 64-bit seed of a text: the first 8 bytes of its SHA-256. */
    static long seedOf(String text) {
        return seedOf(text.getBytes(StandardCharsets.UTF_8));
    }

    static long seedOf(byte[] data) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(data);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static int shade(int colour, SplittableRandom rnd) {
        double[] hsv = Colours.toHsv(colour);
        double v = Math.max(0.12, Math.min(1, hsv[2] * (0.6 + 0.7 * rnd.nextDouble())));
        double s = Math.min(1, hsv[1] * (0.7 + 0.4 * rnd.nextDouble()));
        return Colours.hsv(hsv[0] + (rnd.nextDouble() - 0.5) * 0.06, s, v);
    }
}
