package io.karafimages.c2pa.internal.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.karafimages.c2pa.C2paException;
import io.karafimages.c2pa.internal.jumbf.JumbfParser;
import io.karafimages.c2pa.internal.jumbf.JumbfTypes;
import io.karafimages.c2pa.internal.jumbf.ParsedBox;

/**
 * A manifest store read from an asset: the {@code c2pa} superbox and its manifests in order; the
 * last one is the active manifest.
 *
 * @param root      the store superbox
 * @param manifests standard and update manifests, in store order, not empty
 */
public record ParsedStore(ParsedBox root, List<ParsedBox> manifests) {

    private static final byte[] COMPRESSED_MANIFEST = JumbfTypes.uuid("c2cm");

    /**
     * @param store raw JUMBF of a store
     * @return the parsed store
     * @throws C2paException with {@code MALFORMED_MANIFEST_STORE} when it is not a usable store
     */
    public static ParsedStore parse(byte[] store) {
        List<ParsedBox> top = JumbfParser.parse(store);
        ParsedBox root = top.stream().filter(b -> JumbfTypes.same(JumbfTypes.MANIFEST_STORE, b.uuid())).findFirst()
                .orElseThrow(() -> malformed("no c2pa manifest store superbox"));
        List<ParsedBox> manifests = new ArrayList<>();
        for (ParsedBox child : root.children()) {
            if (JumbfTypes.same(COMPRESSED_MANIFEST, child.uuid())) {
                throw malformed("compressed manifests are not supported");
            }
            if (JumbfTypes.same(JumbfTypes.MANIFEST, child.uuid()) || JumbfTypes.same(JumbfTypes.UPDATE_MANIFEST, child.uuid())) {
                if (child.label() == null) {
                    throw malformed("manifest without label");
                }
                manifests.add(child);
            }
        }
        if (manifests.isEmpty()) {
            throw malformed("the store holds no manifest");
        }
        return new ParsedStore(root, List.copyOf(manifests));
    }

    /** @return the active (last) manifest */
    public ParsedBox active() {
        return manifests.get(manifests.size() - 1);
    }

    /**
     * Resolves a {@code self#jumbf=} URI: absolute ({@code /c2pa/<manifest>/...}) from the store,
     * relative from the given manifest.
     *
     * @param manifest the manifest holding the reference
     * @param uri      the URI
     * @return the box, or empty when it does not resolve (or a label on the way is ambiguous)
     */
    public Optional<ParsedBox> resolve(ParsedBox manifest, String uri) {
        String prefix = "self#jumbf=";
        if (uri == null || !uri.startsWith(prefix) || uri.contains("..")) {
            return Optional.empty();
        }
        String path = uri.substring(prefix.length());
        ParsedBox current = manifest;
        if (path.startsWith("/")) {
            String[] parts = path.substring(1).split("/", 2);
            if (!parts[0].equals(root.label())) {
                return Optional.empty();
            }
            if (parts.length == 1) {
                return Optional.of(root);
            }
            current = root;
            path = parts[1];
        }
        for (String label : path.split("/")) {
            Optional<ParsedBox> next = current.child(label);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    private static C2paException malformed(String message) {
        return new C2paException(C2paException.Reason.MALFORMED_MANIFEST_STORE, message);
    }
}
