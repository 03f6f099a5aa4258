package io.karafimages.c2pa.internal.jumbf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.karafimages.c2pa.internal.jumbf.JumbfNode.ContentBox;
import io.karafimages.c2pa.internal.jumbf.JumbfNode.RawBox;
import io.karafimages.c2pa.internal.jumbf.JumbfNode.SuperBox;

/** Serialises {@link JumbfNode}s (ISO 19566-5). Stateless. */
public final class JumbfWriter {

    private static final int TOGGLE_REQUESTABLE = 0x01;
    private static final int TOGGLE_LABEL = 0x02;
    private static final int TOGGLE_PRIVATE = 0x10;

    private JumbfWriter() {
    }

    /**
     * @param node the box
     * @return its bytes, header included
     */
    public static byte[] write(JumbfNode node) {
        ByteBuffer out = ByteBuffer.allocate(node.size());
        write(node, out);
        if (out.hasRemaining()) {
            throw new IllegalStateException("JUMBF size mismatch");
        }
        return out.array();
    }

    private static void write(JumbfNode node, ByteBuffer out) {
        if (node instanceof RawBox raw) {
            out.put(raw.bytes());
        } else if (node instanceof ContentBox content) {
            out.putInt(content.size());
            out.put(content.type().getBytes(StandardCharsets.US_ASCII));
            out.put(content.payload());
        } else {
            SuperBox box = (SuperBox) node;
            out.putInt(box.size());
            out.put(new byte[] {'j', 'u', 'm', 'b'});
            writeDescription(box, out);
            for (JumbfNode child : box.children()) {
                write(child, out);
            }
        }
    }

    private static void writeDescription(SuperBox box, ByteBuffer out) {
        out.putInt(box.descriptionSize());
        out.put(new byte[] {'j', 'u', 'm', 'd'});
        out.put(box.type());
        int toggles = TOGGLE_REQUESTABLE | TOGGLE_LABEL | (box.salt() != null ? TOGGLE_PRIVATE : 0);
        out.put((byte) toggles);
        out.put(box.label().getBytes(StandardCharsets.UTF_8));
        out.put((byte) 0);
        if (box.salt() != null) {
            out.putInt(8 + box.salt().length);
            out.put(new byte[] {'c', '2', 's', 'h'});
            out.put(box.salt());
        }
    }
}
