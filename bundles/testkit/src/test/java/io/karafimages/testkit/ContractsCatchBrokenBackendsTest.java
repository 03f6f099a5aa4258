package io.karafimages.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import io.karafimages.api.ImagesException;
import io.karafimages.spi.keys.DataKey;
import io.karafimages.spi.keys.KeyService;
import io.karafimages.spi.storage.BlobStore;

/**
 * The contracts are only worth something if they fail for broken backends: each is run here, through the JUnit
 * launcher, against a plausible but wrong implementation, and exactly the tests that should catch it fail.
 */
class ContractsCatchBrokenBackendsTest {

    @Test
    void theBlobStoreContractCatchesAStoreThatKeepsPartialWrites() {
        TestExecutionSummary summary = run(LeakyStoreContractRun.class);
        assertEquals(Set.of("aFailedWriteLeavesNoObject()", "aFailedOverwriteKeepsTheOlderObject()",
                "aStreamShorterThanAnnouncedStoresNothing()"), failed(summary));
        assertTrue(summary.getTestsSucceededCount() >= 8, "the rest of the contract passes");
    }

    @Test
    void theKeyServiceContractCatchesAServiceThatOnlyEncodes() {
        TestExecutionSummary summary = run(EncodingKeysContractRun.class);
        Set<String> failed = failed(summary);
        assertTrue(failed.containsAll(Set.of("aDataKeyIs256BitsAndUnwrapsForItsUser()", "anotherUserCannotUnwrap()",
                "aTamperedWrappedKeyFailsClosed()", "userIdsAreOpaqueStrings()")), failed.toString());
        assertTrue(summary.getTestsSucceededCount() >= 4, "the rest of the contract passes");
    }

    private static TestExecutionSummary run(Class<?> contractRun) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(contractRun)).build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, listener);
        return listener.getSummary();
    }

    private static Set<String> failed(TestExecutionSummary summary) {
        Set<String> names = new TreeSet<>();
        summary.getFailures().forEach(f -> names.add(f.getTestIdentifier().getDisplayName()));
        return names;
    }

    /** Run only through the launcher above (surefire skips nested classes). */
    static class LeakyStoreContractRun extends BlobStoreContract {
        @Override
        protected BlobStore store() {
            return new LeakyStore();
        }
    }

    static class EncodingKeysContractRun extends KeyServiceContract {
        @Override
        protected KeyService keys() {
            return new EncodingKeys();
        }
    }

    /** Stores whatever arrived before a stream broke, and short streams as they are. */
    static final class LeakyStore implements BlobStore {
        private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

        @Override
        public String id() {
            return "leaky";
        }

        @Override
        public void put(String key, InputStream data, long length) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                data.transferTo(out);
            } catch (IOException e) {
                objects.put(key, out.toByteArray());
                throw ImagesException.unavailable("storage_unavailable", "broken", null, e);
            } finally {
                objects.put(key, out.toByteArray());
            }
        }

        @Override
        public InputStream open(String key) {
            byte[] b = objects.get(key);
            if (b == null) {
                throw ImagesException.notFound("Stored object");
            }
            return new ByteArrayInputStream(b);
        }

        @Override
        public void delete(String key) {
            objects.remove(key);
        }
    }

    /** "Wraps" by Base64 alone: no secret, no binding to the user. */
    static final class EncodingKeys implements KeyService {
        @Override
        public String id() {
            return "encoding";
        }

        @Override
        public DataKey newDataKey(String userId) {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            return new DataKey(key, "encoding:" + Base64.getEncoder().encodeToString(key));
        }

        @Override
        public byte[] unwrap(String userId, String wrapped) {
            if (!wrapped.startsWith("encoding:")) {
                throw new IllegalArgumentException("not ours");
            }
            return Base64.getDecoder().decode(wrapped.substring(9).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
