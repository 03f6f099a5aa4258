package io.karafimages.c2pa.internal.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.karafimages.c2pa.internal.cbor.CborWriter;
import io.karafimages.c2pa.internal.jumbf.JumbfNode;
import io.karafimages.c2pa.internal.jumbf.JumbfNode.SuperBox;
import io.karafimages.c2pa.internal.jumbf.JumbfTypes;
import io.karafimages.c2pa.internal.jumbf.JumbfWriter;

/**
 * Security review M8: a provider's store whose claim lists one big assertion thousands of times, or many big
 * assertions, made validation hash hundreds of gigabytes. Now references are capped, repeats are hashed once
 * and one validation has a byte budget; what is past a limit is recorded as a malformed claim.
 */
class IngredientValidatorLimitsTest {
    private static final byte[] ASSET = new byte[1024];
    private final IngredientValidator validator = new IngredientValidator(List.of(), Clock.systemUTC());

    @Test
    void aClaimWithTooManyReferencesIsMalformedAndNothingIsHashed() {
        ParsedStore store = store(List.of(assertion("big", 1024)), repeat("big", IngredientValidator.MAX_REFERENCES + 1));
        ValidationLog log = validator.validate(store, store.active(), ASSET);
        assertTrue(codes(log.failures()).contains("claim.malformed"), log.failures().toString());
        assertTrue(log.successes().stream().noneMatch(s -> s.code().startsWith("assertion.")), "hashed anyway");
    }

    @Test
    void theSameAssertionListedAgainIsCheckedOnce() {
        ParsedStore store = store(List.of(assertion("big", 1 << 20)), repeat("big", IngredientValidator.MAX_REFERENCES));
        ValidationLog log = validator.validate(store, store.active(), ASSET);
        long checks = log.failures().stream().filter(s -> s.code().startsWith("assertion.")).count()
                + log.successes().stream().filter(s -> s.code().startsWith("assertion.")).count();
        assertEquals(1, checks, "one check for " + IngredientValidator.MAX_REFERENCES + " copies of one reference");
    }

    @Test
    void hashingStopsAtTheBudget() {
        int boxes = (int) (IngredientValidator.BASE_HASH_BUDGET / (1 << 20)) + 4;
        List<JumbfNode> assertions = new ArrayList<>();
        List<Object> refs = new ArrayList<>();
        for (int i = 0; i < boxes; i++) {
            assertions.add(assertion("a" + i, 1 << 20));
            refs.add(ref("a" + i));
        }
        ParsedStore store = store(assertions, refs);
        ValidationLog log = validator.validate(store, store.active(), ASSET);
        assertTrue(log.failures().stream().anyMatch(s -> s.code().equals("claim.malformed")
                && s.explanation().contains("would hash more than")), log.failures().toString());
        long checked = log.failures().stream().filter(s -> s.code().startsWith("assertion.")).count();
        assertTrue(checked < boxes, "every box was hashed: " + checked);
    }

    private static List<String> codes(List<ValidationLog.Status> statuses) {
        return statuses.stream().map(ValidationLog.Status::code).toList();
    }

    private static JumbfNode assertion(String label, int size) {
        return new SuperBox(JumbfTypes.CBOR, label, null, List.of(new JumbfNode.ContentBox("cbor", new byte[size])));
    }

    private static List<Object> repeat(String label, int times) {
        List<Object> refs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            refs.add(ref(label));
        }
        return refs;
    }

    private static Map<String, Object> ref(String label) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("url", "self#jumbf=c2pa.assertions/" + label);
        ref.put("hash", new byte[32]); // wrong on purpose: each check ends in a mismatch, after hashing
        return ref;
    }

    /** A store with one manifest; its signature is garbage, which validation records and goes past. */
    private static ParsedStore store(List<JumbfNode> assertions, List<Object> refs) {
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("instanceID", "xmp:iid:test");
        claim.put("created_assertions", refs);
        SuperBox manifest = new SuperBox(JumbfTypes.MANIFEST, "urn:c2pa:test", null, List.of(
                new SuperBox(JumbfTypes.ASSERTION_STORE, "c2pa.assertions", null, assertions),
                new SuperBox(JumbfTypes.CLAIM, "c2pa.claim.v2", null,
                        List.of(new JumbfNode.ContentBox("cbor", CborWriter.encode(claim)))),
                new SuperBox(JumbfTypes.SIGNATURE, "c2pa.signature", null,
                        List.of(new JumbfNode.ContentBox("cbor", CborWriter.encode(List.of()))))));
        return ParsedStore.parse(JumbfWriter.write(new SuperBox(JumbfTypes.MANIFEST_STORE, "c2pa", null, List.of(manifest))));
    }
}
