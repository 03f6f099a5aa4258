package io.karafimages.core.internal.pipeline;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.karafimages.api.ImagesException;
import io.karafimages.api.RenditionFormat;
import io.karafimages.core.internal.svg.SanitizedSvg;
import io.karafimages.core.internal.svg.SvgRenderer;
import io.karafimages.core.internal.svg.SvgSanitizer;
import io.karafimages.imaging.ImageDecoder;
import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.ImageFormat;
import io.karafimages.imaging.ImageHeader;
import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;

/**
 * Turns one encoded image into the three renditions: the original as PNG (kept byte for byte when it already
 * is one), a full-size lossy WebP and a preview WebP that fits the preview box. Calls the provenance hook, when
 * one is installed, on the input (sanitize) and on every rendition (label, the last writer). Thread-safe.
 */
@Component(service = RenditionPipeline.class, configurationPid = "images.pipeline")
@Designate(ocd = RenditionPipeline.Config.class)
public final class RenditionPipeline {

    @ObjectClassDefinition(name = "Karaf Images: rendition pipeline",
            description = "How every image result becomes its original, full and preview files.")
    public @interface Config {
        @AttributeDefinition(name = "Max pixels", description = "Images with more pixels than this are refused "
                + "from their header, before decoding (protects against decompression bombs).")
        long max_pixels() default 40_000_000L;

        @AttributeDefinition(name = "Full WebP quality", description = "libwebp quality 90-100 of the full "
                + "rendition. At 90 or more provider watermarks such as SynthID survive.", min = "90", max = "100")
        int full_quality() default 90;

        @AttributeDefinition(name = "Preview WebP quality", description = "libwebp quality 1-100 of the preview.",
                min = "1", max = "100")
        int preview_quality() default 85;

        @AttributeDefinition(name = "Preview max width", description = "The preview fits inside this width.")
        int preview_max_width() default 600;

        @AttributeDefinition(name = "Preview max height", description = "The preview fits inside this height.")
        int preview_max_height() default 400;

        @AttributeDefinition(name = "Concurrent renders", description = "How many images are decoded, encoded "
                + "and signed at the same time on this node (CPU and memory bound work); 0 = one less than the "
                + "processor count, at least 1, so request threads keep a core. Provider calls are not limited by "
                + "this, only by the engine's workers.")
        int render_concurrency() default 0;

        @AttributeDefinition(name = "Require provenance", description = "true: no image is rendered while the "
                + "provenance service (feature images-provenance) is not bound, such as during start-up; the task "
                + "retries (503 provenance_unavailable, retryable) instead of storing an unsigned, unlabelled image. "
                + "false: render without provenance when the feature is not installed.")
        boolean require_provenance() default true;
    }

    /** Pipeline settings as plain values. */
    public record Settings(long maxPixels, int fullQuality, int previewQuality, int previewMaxWidth,
            int previewMaxHeight, int renderConcurrency, boolean requireProvenance) {
        public static final Settings DEFAULTS = new Settings(40_000_000L, 90, 85, 600, 400);

        public Settings(long maxPixels, int fullQuality, int previewQuality, int previewMaxWidth,
                int previewMaxHeight) {
            this(maxPixels, fullQuality, previewQuality, previewMaxWidth, previewMaxHeight, 0);
        }

        public Settings(long maxPixels, int fullQuality, int previewQuality, int previewMaxWidth,
                int previewMaxHeight, int renderConcurrency) {
            this(maxPixels, fullQuality, previewQuality, previewMaxWidth, previewMaxHeight, renderConcurrency, false);
        }

        /** The configured concurrency, or one less than the processors (at least 1) for 0. */
        public int renders() {
            return renderConcurrency > 0 ? renderConcurrency
                    : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        }
    }

    private final ImageDecoder decoder;
    private final long maxPixels;
    private final ImageEncoders encoders = new ImageEncoders();
    private final PreviewScaler scaler;
    private final SvgSanitizer sanitizer = new SvgSanitizer();
    private final SvgRenderer svgRenderer = new SvgRenderer();
    private final float fullQuality;
    private final float previewQuality;
    private final Semaphore renders;
    private final boolean requireProvenance;
    /** Makes a render's preview next to its full WebP; at most one job per running render, threads idle out. */
    private final ExecutorService side = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "images-render-preview");
                t.setDaemon(true);
                return t;
            });
    private volatile ProvenanceHook provenance;

    @Activate
    public RenditionPipeline(Config config) {
        this(new Settings(config.max_pixels(), config.full_quality(), config.preview_quality(),
                config.preview_max_width(), config.preview_max_height(), config.render_concurrency(),
                config.require_provenance()));
    }

    public RenditionPipeline(Settings settings) {
        // JVM-wide, and on purpose: any ImageIO stream made without an explicit memory cache (ours, a plugin's,
        // another bundle's) would otherwise spool decrypted pixels to imageio*.tmp under java.io.tmpdir.
        ImageIO.setUseCache(false);
        this.decoder = new ImageDecoder(settings.maxPixels());
        this.maxPixels = settings.maxPixels();
        this.scaler = new PreviewScaler(settings.previewMaxWidth(), settings.previewMaxHeight());
        this.fullQuality = Math.max(90, Math.min(100, settings.fullQuality())) / 100f;
        this.previewQuality = Math.max(1, Math.min(100, settings.previewQuality())) / 100f;
        this.renders = new Semaphore(settings.renders(), true);
        this.requireProvenance = settings.requireProvenance();
    }

    @Deactivate
    void stop() {
        side.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setProvenance(ProvenanceHook hook) {
        this.provenance = hook;
    }

    public void unsetProvenance(ProvenanceHook hook) {
        if (this.provenance == hook) {
            this.provenance = null;
        }
    }

    /**
     * Whether an image may be rendered now: with provenance required, not before its service is bound. Seen at
     * start-up: the engine took a task before the provenance bundle had bound its service, and the image was stored
     * unsigned. Checked before a task calls its provider (nothing is paid for in vain) and again at render.
     *
     * @throws ImagesException 503 {@code provenance_unavailable}, retryable
     */
    public void checkReady() {
        if (requireProvenance && provenance == null) {
            throw new ImagesException("provenance_unavailable", 503, true, "Images cannot be signed right now; "
                    + "try again in a moment.", Duration.ofSeconds(2), null);
        }
    }

    /** False while provenance is required and its service is not bound yet (start-up): the node is not ready. */
    public boolean provenanceReady() {
        return !requireProvenance || provenance != null;
    }

    /** The provenance service's state, for the health check's details. */
    public String provenanceHealth() {
        if (provenance != null) {
            return "up";
        }
        return requireProvenance ? "down: not bound yet (feature images-provenance); images are refused until it is"
                : "off (images.pipeline require.provenance = false)";
    }

    /** The configured pixel limit. */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Format, size and orientation from the header, refusing images over the pixel limit before any decoding.
     *
     * @throws ImagesException 400 {@code image_too_large} or {@code unsupported_image}
     */
    public ImageHeader probe(byte[] encoded) {
        try {
            return decoder.probe(encoded);
        } catch (ImageException e) {
            throw refused(e);
        }
    }

    private BufferedImage decoded(byte[] encoded) {
        try {
            return decoder.decode(encoded);
        } catch (ImageException e) {
            throw refused(e);
        }
    }

    /** The imaging module's typed refusal as the product's 400 problem with the same code. */
    static ImagesException refused(ImageException e) {
        return ImagesException.invalid(e.code(), e.getMessage());
    }

    /**
     * Decodes, renders, labels. The renditions are ordered original, full, preview. An SVG ({@code image/svg+xml})
     * is sanitised and kept as the original; full and preview are WebP renders of the clean document.
     */
    public Rendered render(byte[] encoded, String mediaType, ProvenanceInfo info) {
        checkReady();
        // Bounded: on a 2-core node two renders took both cores from the request threads (POST p99 820 ms,
        // issue 12), and each holds its decoded pixels (memory grows with concurrent renders, not with workers).
        renders.acquireUninterruptibly();
        try {
            return renderNow(encoded, mediaType, info);
        } finally {
            renders.release();
        }
    }

    private Rendered renderNow(byte[] encoded, String mediaType, ProvenanceInfo info) {
        if (SanitizedSvg.MEDIA_TYPE.equals(mediaType)) {
            return renderSvg(encoded, info);
        }
        ProvenanceHook hook = provenance;
        probe(encoded); // the pixel limit holds before sanitize, which may decode to apply an orientation
        byte[] source = hook == null ? encoded : hook.sanitize(encoded, mediaType);
        BufferedImage decoded = decoded(source);
        byte[] original = isPng(source) ? source : encoders.png(decoded);
        BufferedImage packed = PixelFormats.packed(decoded);
        Callable<Preview> previewJob = () -> {
            BufferedImage small = scaler.scale(packed);
            return new Preview(encoders.webp(small, previewQuality), small.getWidth(), small.getHeight(),
                    PerceptualHash.of(small));
        };
        // The preview is made next to the full WebP on another core while no other render waits for a permit: one
        // task at a time finishes sooner; under load the renders stay one core each (request threads keep theirs).
        Future<Preview> previewLater = renders.hasQueuedThreads() ? null : side.submit(previewJob);
        byte[] full = encoders.webp(packed, fullQuality);
        Preview preview = previewLater == null ? call(previewJob) : join(previewLater);
        List<Rendition> renditions = List.of(
                new Rendition(RenditionFormat.ORIGINAL, original, decoded.getWidth(), decoded.getHeight()),
                new Rendition(RenditionFormat.FULL, full, packed.getWidth(), packed.getHeight()),
                new Rendition(RenditionFormat.PREVIEW, preview.webp(), preview.width(), preview.height()));
        String fingerprint = preview.fingerprint();
        if (hook == null) {
            return new Rendered(renditions, fingerprint);
        }
        return labelled(hook, renditions, source, info, fingerprint);
    }

    /** The preview rendition and the perceptual fingerprint taken from it. */
    private record Preview(byte[] webp, int width, int height, String fingerprint) {
    }

    private static Preview call(Callable<Preview> job) {
        try {
            return job.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Preview join(Future<Preview> job) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return job.get();
                } catch (InterruptedException e) {
                    interrupted = true; // a cancel: the task checks it after the render; finish what was started
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Labels every rendition; the original's labels are described for the embed content (the first signed). */
    private static Rendered labelled(ProvenanceHook hook, List<Rendition> renditions, byte[] source,
            ProvenanceInfo info, String fingerprint) {
        Map<String, Object> provenance = null;
        List<Rendition> out = new ArrayList<>();
        for (Rendition r : renditions) {
            byte[] data;
            if (r.format() == RenditionFormat.ORIGINAL) {
                ProvenanceHook.Labelled labelled = hook.labelDescribed(r.data(), r.format(), source, info);
                data = labelled.bytes();
                provenance = labelled.provenance();
            } else {
                data = hook.label(r.data(), r.format(), source, info);
            }
            out.add(new Rendition(r.format(), data, r.width(), r.height(), r.fileFormat()));
        }
        return new Rendered(out, fingerprint, provenance);
    }

    /**
     * Every SVG that leaves the runtime is this clean document: no script, no event attributes, no external
     * references. Labelling adds only a {@code <metadata>} element (the XMP packet and the base64 C2PA manifest
     * store); the original and the full WebP are signed like any image's.
     */
    private Rendered renderSvg(byte[] svg, ProvenanceInfo info) {
        SanitizedSvg clean = sanitizer.sanitize(svg);
        BufferedImage drawn = PixelFormats.packed(svgRenderer.render(clean, maxPixels));
        byte[] full = encoders.webp(drawn, fullQuality);
        BufferedImage small = scaler.scale(drawn);
        byte[] preview = encoders.webp(small, previewQuality);
        ProvenanceHook hook = provenance;
        List<Rendition> renditions = List.of(
                new Rendition(RenditionFormat.ORIGINAL, clean.bytes(), clean.width(), clean.height(), Rendition.SVG),
                new Rendition(RenditionFormat.FULL, full, drawn.getWidth(), drawn.getHeight()),
                new Rendition(RenditionFormat.PREVIEW, preview, small.getWidth(), small.getHeight()));
        String fingerprint = PerceptualHash.of(small);
        return hook == null ? new Rendered(renditions, fingerprint)
                : labelled(hook, renditions, full, info, fingerprint);
    }

    // Stages exposed for the benchmark, which reports each one separately.
    public BufferedImage decode(byte[] encoded) {
        return PixelFormats.packed(decoded(encoded));
    }

    public byte[] encodeFull(BufferedImage packed) {
        return encoders.webp(packed, fullQuality);
    }

    public byte[] encodePreview(BufferedImage packed) {
        return encoders.webp(scaler.scale(packed), previewQuality);
    }

    static boolean isPng(byte[] data) {
        return ImageFormat.sniff(data).filter(f -> f == ImageFormat.PNG).isPresent();
    }
}
