package io.karafimages.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.karafimages.api.RenditionFormat;
import io.karafimages.spi.provenance.ProvenanceHook;
import io.karafimages.spi.provenance.ProvenanceInfo;

/** Renders are CPU and memory bound: at most {@code render.concurrency} run at once, whatever the workers. */
class RenderConcurrencyTest {

    @Test
    void atMostTheConfiguredNumberOfRendersRunAtOnce() throws Exception {
        assertEquals(1, maxConcurrentRenders(1, 4));
        assertEquals(2, maxConcurrentRenders(2, 4));
    }

    @Test
    void autoLeavesARequestCore() {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.max(1, cpus - 1), new RenditionPipeline.Settings(1000, 90, 85, 600, 400, 0).renders());
        assertEquals(3, new RenditionPipeline.Settings(1000, 90, 85, 600, 400, 3).renders());
    }

    private static int maxConcurrentRenders(int permits, int callers) throws Exception {
        RenditionPipeline pipeline = new RenditionPipeline(new RenditionPipeline.Settings(40_000_000L, 90, 85, 600,
                400, permits));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(callers);
        pipeline.setProvenance(new ProvenanceHook() {
            @Override
            public byte[] sanitize(byte[] encoded, String mediaType) {
                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                try {
                    // every caller has asked, and as many renders as there are permits are inside (or 5 s passed):
                    // without a bound the others would now be inside too
                    allStarted.await(5, TimeUnit.SECONDS);
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (inside.get() < permits && System.nanoTime() < until) {
                        Thread.sleep(5);
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.decrementAndGet();
                return encoded;
            }

            @Override
            public byte[] label(byte[] rendition, RenditionFormat format, byte[] source, ProvenanceInfo info) {
                return rendition;
            }
        });
        byte[] png = TestImages.encode(TestImages.image(64, 48, BufferedImage.TYPE_INT_RGB), "png");
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Rendered>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    allStarted.countDown();
                    return pipeline.render(png, "image/png", ProvenanceInfo.builder("generate").build());
                }));
            }
            for (Future<Rendered> r : results) {
                assertEquals(3, r.get(30, TimeUnit.SECONDS).renditions().size());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(most.get() >= 1);
        return most.get();
    }
}
