package io.karafimages.benchmarks;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
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

import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.provenance.internal.AiProvenance;
import io.karafimages.provenance.internal.SigningIdentity;
import io.karafimages.spi.provenance.ProvenanceInfo;

/** The whole rendition pipeline with and without provenance (strip, XMP on 3 files, C2PA on 2). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ProvenanceBenchmark {
    @Param({ "1024" })
    public int size;

    private static final ProvenanceInfo INFO = ProvenanceInfo.builder("generate").model("local/procedural-v1")
            .prompt("a lighthouse at dusk").digitalSourceType(ProvenanceInfo.TRAINED_ALGORITHMIC_MEDIA).build();
    private byte[] png;
    private RenditionPipeline plain;
    private RenditionPipeline labelled;

    @Setup
    public void setUp() throws IOException {
        png = PhotoLikeImage.png(size);
        plain = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);
        labelled = new RenditionPipeline(RenditionPipeline.Settings.DEFAULTS);
        SigningIdentity identity = new SigningIdentity(config(SigningIdentity.Config.class,
                Map.of("directory", Files.createTempDirectory("bench-identity").toString())));
        labelled.setProvenance(new AiProvenance(config(AiProvenance.Config.class, Map.of()), identity));
    }

    @Benchmark
    public Object withoutProvenance() {
        return plain.render(png, "image/png", INFO).renditions();
    }

    @Benchmark
    public Object withProvenance() {
        return labelled.render(png, "image/png", INFO).renditions();
    }

    /** A component's typed configuration from its defaults plus overrides, as DS would make it. */
    @SuppressWarnings("unchecked")
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            return values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
        });
    }
}
