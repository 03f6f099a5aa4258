package io.karafimages.benchmarks;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.karafimages.core.internal.crypto.EnvelopeCrypto;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.storage.fs.internal.FsBlobStore;

/** The rendition pipeline, stage by stage, on photo-like PNGs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineBenchmark {
    @Param({ "1024", "2048" })
    public int size;

    private final RenditionPipeline pipeline = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);
    private byte[] png;
    private BufferedImage decoded;
    private byte[] full;
    private byte[] key;
    private FsBlobStore store;
    private byte[] ciphertext;
    private int object;

    @Setup
    public void setUp() throws IOException {
        png = PhotoLikeImage.png(size);
        decoded = pipeline.decode(png);
        full = pipeline.encodeFull(decoded);
        key = new byte[32];
        new SecureRandom().nextBytes(key);
        ciphertext = encrypt();
        store = new FsBlobStore(Files.createTempDirectory("images-bench"));
    }

    @Benchmark
    public BufferedImage decode() {
        return pipeline.decode(png);
    }

    @Benchmark
    public byte[] fullEncode() {
        return pipeline.encodeFull(decoded);
    }

    @Benchmark
    public byte[] previewResizeAndEncode() {
        return pipeline.encodePreview(decoded);
    }

    @Benchmark
    public byte[] encryptFull() throws IOException {
        return encrypt();
    }

    @Benchmark
    public void storeFull() {
        store.put(String.format("%032x", object++), new ByteArrayInputStream(ciphertext), ciphertext.length);
    }

    @Benchmark
    public Object wholePipeline() {
        return pipeline.render(png, "image/png", null).renditions();
    }

    private byte[] encrypt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(full.length + 1024);
        try (OutputStream enc = EnvelopeCrypto.encrypting(key, out, EnvelopeCrypto.aad("bench", "full"))) {
            enc.write(full);
        }
        return out.toByteArray();
    }

    /** Writes the test PNGs for the cwebp comparison. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-input");
        Files.createDirectories(dir);
        for (int s : new int[] { 1024, 2048 }) {
            Files.write(dir.resolve("photo-" + s + ".png"), PhotoLikeImage.png(s));
        }
    }
}
