package io.karafimages.testkit;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.annotation.versioning.ProviderType;

import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.provider.ProviderCatalog;
import io.karafimages.spi.skill.ImageRef;
import io.karafimages.spi.skill.InputImage;
import io.karafimages.spi.skill.Mask;
import io.karafimages.spi.skill.MaskRef;
import io.karafimages.spi.skill.SkillContext;
import io.karafimages.testkit.internal.GrayMask;
import io.karafimages.testkit.internal.ListProviderCatalog;
import io.karafimages.testkit.internal.MaskPainter;
import io.karafimages.testkit.internal.RegisteredImage;

/**
 * A {@link SkillContext} for unit tests: it records progress, has a cancellation switch, serves the images the
 * test registered (as the caller's own embeds) and rasterises masks the way the runtime does (8-bit gray at the
 * image's size, 255 = edit; shapes in fractions of the image).
 *
 * <p>Differences from the runtime, on purpose: both renditions of an embed ({@code original} and {@code full})
 * serve the bytes the test registered; an embed that was not registered is {@code 404 not_found}, one registered
 * with {@link #addPendingImage} is {@code 409 embed_not_ready}. Thread-safe: a test may cancel from another
 * thread while the skill runs.
 */
@ProviderType
public final class FakeSkillContext implements SkillContext {
    /** One {@link SkillContext#progress} call. */
    public record Progress(double fraction, String message) {
    }

    private final String taskId;
    private final String embedId;
    private final String userId;
    private final int attempt;
    private final long maxPixels;
    private final ProviderCatalog providers;
    private final Map<String, Optional<RegisteredImage>> images = new ConcurrentHashMap<>();
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final List<ImageRef> imagesRead = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicInteger cancelAfterReports = new AtomicInteger(-1);

    private FakeSkillContext(Builder b) {
        this.taskId = b.taskId;
        this.embedId = b.embedId;
        this.userId = b.userId;
        this.attempt = b.attempt;
        this.maxPixels = b.maxPixels;
        this.providers = new ListProviderCatalog(b.providers, b.tierFallback);
    }

    /** A context with the builder's defaults: task {@code task-1}, embed {@code embed-1}, user {@code user-1}. */
    public static FakeSkillContext create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers one of the caller's images under {@code embedId}; both of its renditions serve these bytes.
     *
     * @param encoded a PNG or JPEG (WebP decodes only with a WebP reader on the class path)
     * @param aiGenerated what {@link InputImage#aiGenerated()} answers
     * @return the reference a skill input would carry
     * @throws IllegalArgumentException when the bytes are not a PNG, JPEG or WebP
     */
    public ImageRef addImage(String embedId, byte[] encoded, boolean aiGenerated) {
        images.put(Objects.requireNonNull(embedId, "embedId"), Optional.of(RegisteredImage.of(embedId, encoded,
                aiGenerated)));
        return ImageRef.of(embedId);
    }

    /** Registers {@code image} encoded as PNG; see {@link #addImage(String, byte[], boolean)}. */
    public ImageRef addImage(String embedId, BufferedImage image, boolean aiGenerated) {
        return addImage(embedId, TestImages.png(image), aiGenerated);
    }

    /** Registers an embed of the caller that is still being made: reading it is {@code 409 embed_not_ready}. */
    public ImageRef addPendingImage(String embedId) {
        images.put(Objects.requireNonNull(embedId, "embedId"), Optional.empty());
        return ImageRef.of(embedId);
    }

    /** Flips the cancellation switch: from now on {@link #isCancelled()} is true. */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Cancels the task as soon as the skill has reported progress {@code reports} times, to test that a skill
     * stops at its next safe point without a second thread.
     */
    public void cancelAfterProgressReports(int reports) {
        if (reports < 1) {
            throw new IllegalArgumentException("reports must be at least 1");
        }
        cancelAfterReports.set(reports);
    }

    /** Every progress report so far, oldest first. */
    public List<Progress> progressReports() {
        return List.copyOf(progress);
    }

    /** The most recent progress report. */
    public Optional<Progress> lastProgress() {
        List<Progress> all = progressReports();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The images the skill read through {@link #image}, in order (successful reads only). */
    public List<ImageRef> imagesRead() {
        return List.copyOf(imagesRead);
    }

    @Override
    public String taskId() {
        return taskId;
    }

    @Override
    public String embedId() {
        return embedId;
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    /** @throws IllegalArgumentException for a fraction outside 0..1: the runtime's progress bar cannot show it */
    @Override
    public void progress(double fraction, String message) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("Progress must be from 0.0 to 1.0, got " + fraction);
        }
        progress.add(new Progress(fraction, message));
        int after = cancelAfterReports.get();
        if (after > 0 && progress.size() >= after) {
            cancelled.set(true);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public long maxPixels() {
        return maxPixels;
    }

    @Override
    public ProviderCatalog providers() {
        return providers;
    }

    @Override
    public InputImage image(ImageRef ref) {
        Objects.requireNonNull(ref, "ref");
        Optional<RegisteredImage> found = images.get(ref.embedId());
        if (found == null) {
            throw ImagesException.notFound("Embed '" + ref.embedId() + "'");
        }
        RegisteredImage image = found.orElseThrow(() -> ImagesException.conflict(ErrorCodes.EMBED_NOT_READY,
                "The embed '" + ref.embedId() + "' is not finished yet."));
        if (image.pixels() > maxPixels) {
            throw ImagesException.invalid(ErrorCodes.IMAGE_TOO_LARGE, "The image has " + image.pixels()
                    + " pixels; at most " + maxPixels + " are allowed.");
        }
        imagesRead.add(ref);
        return image.readAs(ref);
    }

    @Override
    public Mask mask(MaskRef ref, InputImage image) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(image, "image");
        if ((ref.embedId() == null) == (ref.shapes() == null)) {
            throw ImagesException.invalid(ErrorCodes.INVALID_MASK, "A mask has either 'embed_id' or 'shapes'.");
        }
        GrayMask mask = ref.shapes() != null
                ? MaskPainter.shapes(ref.shapes(), ref.feather() == null ? 0 : ref.feather(), image.width(),
                        image.height())
                : MaskPainter.uploaded(image(ImageRef.of(ref.embedId())).decoded(), image.width(), image.height());
        if (mask.coverage() == 0) {
            throw ImagesException.invalid(ErrorCodes.MASK_EMPTY, "The mask marks no pixel for editing.");
        }
        return mask;
    }

    /** Builds a {@link FakeSkillContext}. Not thread-safe. */
    public static final class Builder {
        private String taskId = "task-1";
        private String embedId = "embed-1";
        private String userId = "user-1";
        private int attempt = 1;
        private long maxPixels = Long.MAX_VALUE;
        private boolean tierFallback = true;
        private final List<ImageProvider> providers = new ArrayList<>();

        private Builder() {
        }

        public Builder taskId(String value) {
            this.taskId = Objects.requireNonNull(value);
            return this;
        }

        /** The placeholder embed the result will fill. */
        public Builder embedId(String value) {
            this.embedId = Objects.requireNonNull(value);
            return this;
        }

        public Builder userId(String value) {
            this.userId = Objects.requireNonNull(value);
            return this;
        }

        /** Which attempt this is, starting at 1: test a skill's behaviour on a retry. */
        public Builder attempt(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("attempts start at 1");
            }
            this.attempt = value;
            return this;
        }

        /** The pixel limit of {@link SkillContext#image}; none by default. */
        public Builder maxPixels(long value) {
            this.maxPixels = value;
            return this;
        }

        /** Adds a provider to the catalog; providers added first rank higher. */
        public Builder provider(ImageProvider value) {
            this.providers.add(Objects.requireNonNull(value));
            return this;
        }

        /**
         * Whether {@link ProviderCatalog#forOperation} falls back to a model of another tier when none of the
         * asked tier exists (the runtime's default: on).
         */
        public Builder tierFallback(boolean value) {
            this.tierFallback = value;
            return this;
        }

        public FakeSkillContext build() {
            return new FakeSkillContext(this);
        }
    }
}
