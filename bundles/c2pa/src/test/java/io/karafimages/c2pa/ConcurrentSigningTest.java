package io.karafimages.c2pa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.internal.manifest.IngredientValidator;
import io.karafimages.c2pa.internal.manifest.ParsedStore;
import io.karafimages.c2pa.internal.manifest.ValidationLog;
import io.karafimages.c2pa.testing.Definitions;
import io.karafimages.c2pa.testing.TestCa;
import io.karafimages.c2pa.testing.TestImages;
import io.karafimages.c2pa.testing.TestImages.PngKind;

/**
 * One writer used from several threads gives independent, complete manifests. Each output is
 * checked with the library's own ingredient validator (signature, assertion hashes, data hash):
 * the reference verifier proves the format elsewhere, here the point is that calls do not mix.
 */
class ConcurrentSigningTest {

    @Test
    void oneWriterSignsConcurrently() throws Exception {
        C2paWriter writer = C2paWriter.builder(TestCa.signer()).build();
        List<byte[]> sources = List.of(TestImages.png(PngKind.RGB, 64, 64), TestImages.jpeg(64, 64), TestImages.webp(64, 64, false, false));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<byte[]>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                byte[] source = sources.get(i % sources.size());
                results.add(pool.submit(() -> writer.sign(source, Definitions.generated("concurrent"))));
            }
            IngredientValidator validator = new IngredientValidator(List.of(TestCa.root()), Clock.systemUTC());
            Set<String> labels = new HashSet<>();
            for (Future<byte[]> result : results) {
                byte[] signed = result.get(60, TimeUnit.SECONDS);
                ParsedStore store = ParsedStore.parse(C2paWriter.readManifestStore(signed).orElseThrow());
                ValidationLog log = validator.validate(store, store.active(), signed);
                assertEquals(List.of(), log.failures());
                assertTrue(log.successes().stream().anyMatch(s -> s.code().equals("assertion.dataHash.match")));
                assertTrue(log.successes().stream().anyMatch(s -> s.code().equals("signingCredential.trusted")));
                labels.add(store.active().label());
            }
            assertEquals(24, labels.size(), "every manifest has its own label");
        } finally {
            pool.shutdownNow();
        }
    }
}
