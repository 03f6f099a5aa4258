package io.karafimages.testsupport.providers;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * The pictures of {@link RecraftSimulator}: reading what the adapter uploads (PNG and JPEG decoded, WebP measured
 * from its header: the JDK cannot decode it), checking masks, and drawing a visibly transformed copy of the input
 * as the "edit", so tests can see where an edit landed:
 * inpaint paints the mask {@link #INPAINT}, generate background paints it {@link #BACKGROUND}, erase region paints
 * it {@link #ERASED}, replace background paints a frame (an eighth of the short side) {@link #FRAME}, image-to-image
 * blends everything towards {@link #I2I} by {@code strength}, variate scales to {@code size} and inverts. Both
 * upscales enlarge 2x (Recraft picks its own factor; 2x lets tests see the adapter resample to the factor it was
 * asked for) and mark the top-left corner, a square an eighth of the short side, {@link #CRISP} or {@link #CREATIVE}.
 * Remove background answers an RGBA PNG in which the light pixels ({@link #LIGHT} or more in every channel) joined
 * to the border are transparent (black, alpha 0); a light area enclosed by the subject stays opaque.
 */
public final class RecraftDrawing {
    public static final Color INPAINT = new Color(255, 0, 255);
    public static final Color BACKGROUND = new Color(0, 200, 0);
    public static final Color ERASED = new Color(128, 128, 128);
    public static final Color FRAME = new Color(0, 255, 255);
    public static final Color I2I = new Color(255, 128, 0);
    public static final Color CRISP = new Color(255, 255, 0);
    public static final Color CREATIVE = new Color(128, 0, 255);
    /** The least value of every channel of a background pixel that remove background takes away. */
    public static final int LIGHT = 200;
    /** The factor both simulated upscales enlarge by. */
    public static final int UPSCALE_FACTOR = 2;

    /** An upload as read: its format ({@code png}, {@code jpeg}, {@code webp}), size, and pixels when decodable. */
    record Picture(String format, int width, int height, BufferedImage pixels) {
    }

    private RecraftDrawing() {
    }

    /** The picture in these bytes, or null when they are not a PNG, JPEG or WebP. */
    static Picture read(byte[] data) {
        if (data.length < 30) {
            return null;
        }
        if ((data[0] & 0xff) == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') {
            return decoded("png", data);
        }
        if ((data[0] & 0xff) == 0xff && (data[1] & 0xff) == 0xd8 && (data[2] & 0xff) == 0xff) {
            return decoded("jpeg", data);
        }
        if (ascii(data, 0, "RIFF") && ascii(data, 8, "WEBP")) {
            int[] size = webpSize(data);
            return size == null ? null : new Picture("webp", size[0], size[1], null);
        }
        return null;
    }

    private static Picture decoded(String format, byte[] data) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
            return img == null ? null : new Picture(format, img.getWidth(), img.getHeight(), img);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What is wrong with a mask for an image of {@code width x height}; empty when Recraft would take it. */
    static List<String> maskProblems(Picture mask, int width, int height) {
        List<String> problems = new ArrayList<>();
        if (mask.pixels() == null) {
            problems.add("mask is " + mask.format() + ", which the simulator cannot decode to check");
            return problems;
        }
        if (mask.width() != width || mask.height() != height) {
            problems.add("mask is " + mask.width() + "x" + mask.height() + ", image is " + width + "x" + height);
        }
        Raster raster = mask.pixels().getRaster();
        boolean gray = mask.pixels().getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && raster.getNumBands() == 1;
        if (!gray) {
            problems.add("mask is not a one-channel grayscale image");
        } else if (raster.getSampleModel().getSampleSize(0) != 8) {
            problems.add("mask is not 8-bit grayscale");
        } else {
            int[] samples = raster.getSamples(0, 0, mask.width(), mask.height(), 0, (int[]) null);
            long grey = java.util.Arrays.stream(samples).filter(v -> v != 0 && v != 255).count();
            if (grey > 0) {
                problems.add("mask has " + grey + " pixels that are neither 0 nor 255");
            }
        }
        return problems;
    }

    /** The simulated edit of {@code image} for {@code endpoint}, as a PNG. */
    static byte[] edit(String endpoint, Picture image, Picture mask, Map<String, String> fields) {
        if (endpoint.endsWith("Upscale")) {
            return png(upscaled(image, "crispUpscale".equals(endpoint) ? CRISP : CREATIVE));
        }
        if ("removeBackground".equals(endpoint)) {
            return png(cutOut(image));
        }
        BufferedImage out = rgb(image);
        Graphics2D g = out.createGraphics();
        switch (endpoint) {
            case "inpaint" -> paintMask(out, mask, INPAINT);
            case "generateBackground" -> paintMask(out, mask, BACKGROUND);
            case "eraseRegion" -> paintMask(out, mask, ERASED);
            case "replaceBackground" -> {
                int frame = Math.max(1, Math.min(image.width(), image.height()) / 8);
                g.setColor(FRAME);
                g.fillRect(0, 0, image.width(), frame);
                g.fillRect(0, image.height() - frame, image.width(), frame);
                g.fillRect(0, 0, frame, image.height());
                g.fillRect(image.width() - frame, 0, frame, image.height());
            }
            case "imageToImage" -> {
                float strength = Float.parseFloat(fields.getOrDefault("strength", "0.5"));
                g.setComposite(java.awt.AlphaComposite.getInstance(java.awt.AlphaComposite.SRC_OVER, strength));
                g.setColor(I2I);
                g.fillRect(0, 0, image.width(), image.height());
            }
            case "variateImage" -> {
                g.dispose();
                return png(inverted(out, fields.get("size")));
            }
            default -> throw new IllegalArgumentException(endpoint);
        }
        g.dispose();
        return png(out);
    }

    /** The input as RGB (light grey when it could not be decoded: WebP). */
    private static BufferedImage rgb(Picture image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        if (image.pixels() != null) {
            g.drawImage(image.pixels(), 0, 0, null);
        } else {
            g.setColor(Color.LIGHT_GRAY);
            g.fillRect(0, 0, image.width(), image.height());
        }
        g.dispose();
        return out;
    }

    private static BufferedImage upscaled(Picture image, Color mark) {
        BufferedImage out = new BufferedImage(image.width() * UPSCALE_FACTOR, image.height() * UPSCALE_FACTOR,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(rgb(image), 0, 0, out.getWidth(), out.getHeight(), null);
        int side = Math.max(1, Math.min(image.width(), image.height()) / 8) * UPSCALE_FACTOR;
        g.setColor(mark);
        g.fillRect(0, 0, side, side);
        g.dispose();
        return out;
    }

    /** Light pixels joined to the border (4-neighbours) become transparent black; everything else stays opaque. */
    private static BufferedImage cutOut(Picture image) {
        int w = image.width();
        int h = image.height();
        int[] px = rgb(image).getRGB(0, 0, w, h, null, 0, w);
        boolean[] clear = new boolean[w * h];
        int[] queue = new int[w * h];
        int tail = 0;
        for (int i = 0; i < w * h; i++) {
            int x = i % w;
            int y = i / w;
            boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1;
            if (border && light(px[i])) {
                clear[i] = true;
                queue[tail++] = i;
            }
        }
        for (int head = 0; head < tail; head++) {
            int i = queue[head];
            int x = i % w;
            for (int n : new int[] {x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, i - w, i + w}) {
                if (n >= 0 && n < w * h && !clear[n] && light(px[n])) {
                    clear[n] = true;
                    queue[tail++] = n;
                }
            }
        }
        for (int i = 0; i < px.length; i++) {
            px[i] = clear[i] ? 0 : px[i] | 0xff000000;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, px, 0, w);
        return out;
    }

    private static boolean light(int rgb) {
        return (rgb >> 16 & 255) >= LIGHT && (rgb >> 8 & 255) >= LIGHT && (rgb & 255) >= LIGHT;
    }

    /** The picture in {@code png} flattened onto white, as an RGB PNG without alpha. */
    static byte[] opaque(byte[] png) {
        Picture picture = read(png);
        BufferedImage out = new BufferedImage(picture.width(), picture.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(picture.pixels(), 0, 0, null);
        g.dispose();
        return png(out);
    }

    private static void paintMask(BufferedImage out, Picture mask, Color color) {
        if (mask == null || mask.pixels() == null) {
            return;
        }
        Raster raster = mask.pixels().getRaster();
        int w = Math.min(out.getWidth(), mask.width());
        int h = Math.min(out.getHeight(), mask.height());
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                if (row[x] >= 128) {
                    out.setRGB(x, y, color.getRGB());
                }
            }
        }
    }

    private static BufferedImage inverted(BufferedImage in, String size) {
        String[] wh = size.split("x");
        BufferedImage out = new BufferedImage(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                out.setRGB(x, y, ~out.getRGB(x, y) | 0xff000000);
            }
        }
        return out;
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Canvas size from a WebP header: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
    private static int[] webpSize(byte[] d) {
        if (ascii(d, 12, "VP8 ") && (d[23] & 0xff) == 0x9d && (d[24] & 0xff) == 0x01 && (d[25] & 0xff) == 0x2a) {
            return new int[] {le16(d, 26) & 0x3fff, le16(d, 28) & 0x3fff};
        }
        if (ascii(d, 12, "VP8L") && (d[20] & 0xff) == 0x2f) {
            int bits = (d[21] & 0xff) | (d[22] & 0xff) << 8 | (d[23] & 0xff) << 16 | (d[24] & 0xff) << 24;
            return new int[] {(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1};
        }
        if (ascii(d, 12, "VP8X")) {
            return new int[] {((d[24] & 0xff) | (d[25] & 0xff) << 8 | (d[26] & 0xff) << 16) + 1,
                ((d[27] & 0xff) | (d[28] & 0xff) << 8 | (d[29] & 0xff) << 16) + 1};
        }
        return null;
    }

    private static int le16(byte[] d, int at) {
        return (d[at] & 0xff) | (d[at + 1] & 0xff) << 8;
    }

    private static boolean ascii(byte[] data, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (data[at + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
