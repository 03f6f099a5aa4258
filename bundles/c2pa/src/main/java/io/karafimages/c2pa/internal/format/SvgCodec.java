package io.karafimages.c2pa.internal.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.karafimages.c2pa.AssetFormat;
import io.karafimages.c2pa.C2paException;

/**
 * SVG (C2PA 2.x, A.3.3): the store is the Base64 text of a {@code c2pa:manifest} element in the root's
 * {@code metadata} element, with {@code xmlns:c2pa="http://c2pa.org/manifest"} declared on the root. The element
 * goes first into the root's first {@code metadata} element (an XMP packet written there before signing stays
 * where it is); without one, a new {@code metadata} element becomes the root's first child. Old stores (any
 * {@code c2pa:manifest} in a root-level {@code metadata}) are removed. The exclusion covers exactly the Base64
 * text, as c2pa-rs writes and reads it; everything else, the element's tags included, is hashed. A UTF-8 byte
 * order mark is dropped (c2pa-rs would place the store three bytes off). The markup is otherwise kept byte for byte.
 */
final class SvgCodec implements ContainerCodec {

    static final String NAMESPACE = "http://c2pa.org/manifest";
    private static final String METADATA = "metadata";
    private static final String MANIFEST = "c2pa:manifest";
    private static final String NS_ATTRIBUTE = "xmlns:c2pa";

    @Override
    public AssetFormat format() {
        return AssetFormat.SVG;
    }

    @Override
    public Optional<byte[]> readStore(byte[] asset) {
        List<SvgStructure.Element> stores = stores(SvgStructure.parse(asset));
        // c2pa-rs reads the last one; signing leaves only one
        for (int i = stores.size() - 1; i >= 0; i--) {
            SvgStructure.Element e = stores.get(i);
            String text = new String(asset, e.startTagEnd, e.endTagStart - e.startTagEnd, StandardCharsets.UTF_8)
                    .replaceAll("[ \t\r\n]", "");
            if (!text.isEmpty()) {
                try {
                    return Optional.of(Base64.getDecoder().decode(text));
                } catch (IllegalArgumentException ex) {
                    throw new C2paException(C2paException.Reason.MALFORMED_MANIFEST_STORE,
                            "the c2pa:manifest element at offset " + e.start + " is not Base64", ex);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Prepared prepare(byte[] asset) {
        SvgStructure.Element root = SvgStructure.parse(asset);
        List<Edit> edits = new ArrayList<>();
        // the root's start tag ends with '>' or, for an empty root, '/>'
        int rootTagClose = root.startTagEnd - (root.selfClosing ? 2 : 1);
        String declaration = " " + NS_ATTRIBUTE + "=\"" + NAMESPACE + "\"";
        String declared = root.attributes.get(NS_ATTRIBUTE);
        if (declared == null) {
            edits.add(Edit.insert(rootTagClose, declaration));
        }
        // a root that binds the prefix to another namespace: rebind it on the element
        String open = "<" + MANIFEST + (declared == null || declared.equals(NAMESPACE) ? "" : declaration) + ">";
        placeStore(root, rootTagClose, open, "</" + MANIFEST + ">", edits);
        stores(root).forEach(old -> edits.add(Edit.delete(old.start, old.end - old.start)));
        if (SvgStructure.hasByteOrderMark(asset)) {
            // c2pa-rs 0.91.3 locates the store without counting a BOM and then rejects the exclusion
            // ("data hash exclusion does not match the manifest location"); in UTF-8 the BOM means nothing
            edits.add(Edit.delete(0, 3));
        }
        return split(asset, edits);
    }

    /** The element with the store slot: first in the root's first metadata, else in a new metadata element. */
    private static void placeStore(SvgStructure.Element root, int rootTagClose, String open, String close, List<Edit> edits) {
        Optional<SvgStructure.Element> metadata = root.children.stream()
                .filter(e -> METADATA.equals(e.name) && !e.selfClosing).findFirst();
        if (root.selfClosing) {
            edits.add(Edit.insert(rootTagClose, "><" + METADATA + ">" + open));
            edits.add(Edit.slot(rootTagClose));
            edits.add(Edit.insert(rootTagClose, close + "</" + METADATA + "></" + root.name + ">"));
            edits.add(Edit.delete(rootTagClose, 2));
        } else if (metadata.isPresent()) {
            int at = metadata.get().startTagEnd;
            edits.add(Edit.insert(at, open));
            edits.add(Edit.slot(at));
            edits.add(Edit.insert(at, close));
        } else {
            edits.add(Edit.insert(root.startTagEnd, "<" + METADATA + ">" + open));
            edits.add(Edit.slot(root.startTagEnd));
            edits.add(Edit.insert(root.startTagEnd, close + "</" + METADATA + ">"));
        }
    }

    private static List<SvgStructure.Element> stores(SvgStructure.Element root) {
        List<SvgStructure.Element> stores = new ArrayList<>();
        for (SvgStructure.Element child : root.children) {
            if (METADATA.equals(child.name)) {
                child.children.stream().filter(e -> MANIFEST.equals(e.name)).forEach(stores::add);
            }
        }
        return stores;
    }

    /** Applies the edits in offset order (at one offset: insertions and the slot as listed, then deletions). */
    private static SvgPrepared split(byte[] asset, List<Edit> edits) {
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::offset).thenComparing(e -> e.deleteLength() > 0));
        ByteArrayOutputStream head = new ByteArrayOutputStream(asset.length + 256);
        ByteArrayOutputStream tail = new ByteArrayOutputStream(asset.length + 256);
        ByteArrayOutputStream out = head;
        int pos = 0;
        for (Edit e : ordered) {
            if (e.offset() < pos) {
                throw new IllegalStateException("overlapping SVG edits at " + e.offset());
            }
            out.write(asset, pos, e.offset() - pos);
            pos = e.offset() + e.deleteLength();
            if (e.insert() != null) {
                out.writeBytes(e.insert());
            } else if (e.deleteLength() == 0) {
                out = tail;
            }
        }
        out.write(asset, pos, asset.length - pos);
        return new SvgPrepared(head.toByteArray(), tail.toByteArray());
    }

    /** One change: text to insert, bytes to delete, or (neither) where the Base64 store goes. */
    private record Edit(int offset, byte[] insert, int deleteLength) {
        static Edit insert(int offset, String text) {
            return new Edit(offset, text.getBytes(StandardCharsets.UTF_8), 0);
        }

        static Edit delete(int offset, int length) {
            return new Edit(offset, null, length);
        }

        static Edit slot(int offset) {
            return new Edit(offset, null, 0);
        }
    }

    /** The document before and after the Base64 text. */
    private record SvgPrepared(byte[] head, byte[] tail) implements Prepared {

        @Override
        public Exclusion exclusion(int storeLength) {
            return new Exclusion(head.length, base64Length(storeLength));
        }

        @Override
        public byte[] embed(byte[] store) {
            byte[] text = Base64.getEncoder().encode(store);
            byte[] out = new byte[head.length + text.length + tail.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(text, 0, out, head.length, text.length);
            System.arraycopy(tail, 0, out, head.length + text.length, tail.length);
            return out;
        }
    }

    static long base64Length(int storeLength) {
        return 4L * ((storeLength + 2L) / 3);
    }
}
