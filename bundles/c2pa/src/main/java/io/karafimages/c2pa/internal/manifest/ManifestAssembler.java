package io.karafimages.c2pa.internal.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.karafimages.c2pa.C2paSigner;
import io.karafimages.c2pa.GeneratorInfo;
import io.karafimages.c2pa.internal.cbor.CborWriter;
import io.karafimages.c2pa.internal.cose.CoseSign1Writer;
import io.karafimages.c2pa.internal.jumbf.JumbfNode;
import io.karafimages.c2pa.internal.jumbf.JumbfNode.SuperBox;
import io.karafimages.c2pa.internal.jumbf.JumbfTypes;
import io.karafimages.c2pa.internal.jumbf.JumbfWriter;

/**
 * Lays out the manifest store: carried-over manifests first, then the new (active) manifest with
 * its assertion store, claim v2 and claim signature. Given the same assertion sizes the result has
 * the same size whether signed or not, which the data-hash layout relies on. Thread-safe.
 */
public final class ManifestAssembler {

    private static final String CLAIM_LABEL = "c2pa.claim.v2";
    private static final String SIGNATURE_LABEL = "c2pa.signature";

    private final C2paSigner signer;
    private final String manifestLabel;
    private final List<byte[]> carried;
    private final GeneratorInfo claimGenerator;
    private final String title;
    private final String instanceId;

    /**
     * @param signer         signs the claim
     * @param manifestLabel  label of the new manifest ({@code urn:c2pa:<uuid>})
     * @param carried        manifests copied from ingredients
     * @param claimGenerator the claim generator
     * @param title          the asset title, or {@code null}
     * @param instanceId     the asset instance id
     */
    public ManifestAssembler(C2paSigner signer, String manifestLabel, List<byte[]> carried,
                             GeneratorInfo claimGenerator, String title, String instanceId) {
        this.signer = signer;
        this.manifestLabel = manifestLabel;
        this.carried = List.copyOf(carried);
        this.claimGenerator = claimGenerator;
        this.title = title;
        this.instanceId = instanceId;
    }

    /**
     * @param assertions all assertions including the hard binding, in store order
     * @param sign       {@code false} for a same-size draft with a zero signature
     * @return the encoded manifest store
     */
    public byte[] assemble(List<AssertionBox> assertions, boolean sign) {
        byte[] claim = CborWriter.encode(claim(assertions));
        byte[] cose = sign ? CoseSign1Writer.sign(signer, claim) : CoseSign1Writer.placeholder(signer);
        List<JumbfNode> assertionBoxes = new ArrayList<>();
        assertions.forEach(a -> assertionBoxes.add(new JumbfNode.RawBox(a.bytes())));
        SuperBox manifest = new SuperBox(JumbfTypes.MANIFEST, manifestLabel, null, List.of(
                new SuperBox(JumbfTypes.ASSERTION_STORE, "c2pa.assertions", null, assertionBoxes),
                new SuperBox(JumbfTypes.CLAIM, CLAIM_LABEL, null, List.of(new JumbfNode.ContentBox("cbor", claim))),
                new SuperBox(JumbfTypes.SIGNATURE, SIGNATURE_LABEL, null, List.of(new JumbfNode.ContentBox("cbor", cose)))));
        List<JumbfNode> manifests = new ArrayList<>();
        carried.forEach(m -> manifests.add(new JumbfNode.RawBox(m)));
        manifests.add(manifest);
        return JumbfWriter.write(new SuperBox(JumbfTypes.MANIFEST_STORE, "c2pa", null, manifests));
    }

    private Map<String, Object> claim(List<AssertionBox> assertions) {
        List<Object> created = new ArrayList<>();
        List<Object> gathered = new ArrayList<>();
        for (AssertionBox a : assertions) {
            (a.gathered() ? gathered : created).add(a.reference().toCbor(false));
        }
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("instanceID", instanceId);
        claim.put("claim_generator_info", ActionsAssertion.generatorInfo(claimGenerator));
        claim.put("signature", "self#jumbf=/c2pa/" + manifestLabel + "/" + SIGNATURE_LABEL);
        claim.put("created_assertions", created);
        if (!gathered.isEmpty()) {
            claim.put("gathered_assertions", gathered);
        }
        if (title != null) {
            claim.put("dc:title", title);
        }
        claim.put("alg", HashedUri.ALG);
        return claim;
    }
}
