package io.karafimages.c2pa.internal.jumbf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A JUMBF box to be written. Sizes are known up front, so a whole store can be laid out before
 * its bytes exist. All boxes use 32-bit lengths; a store is limited to 2 GiB.
 */
public sealed interface JumbfNode permits JumbfNode.SuperBox, JumbfNode.ContentBox, JumbfNode.RawBox {

    /** @return the encoded size in bytes, header included */
    int size();

    /**
     * A {@code jumb} superbox: description ({@code jumd}) plus children.
     *
     * @param type     16-byte type UUID
     * @param label    the label (requestable), not {@code null}
     * @param salt     16 or 32 bytes for a C2PA {@code c2sh} private salt box, or {@code null}
     * @param children content boxes or nested superboxes
     */
    record SuperBox(byte[] type, String label, byte[] salt, List<JumbfNode> children) implements JumbfNode {
        /**
         * Validates the fields.
         *
         * @param type     16-byte type UUID
         * @param label    the label
         * @param salt     salt bytes or {@code null}
         * @param children child boxes
         */
        public SuperBox {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(label, "label");
            if (type.length != 16) {
                throw new IllegalArgumentException("type UUID must be 16 bytes");
            }
            if (salt != null && salt.length != 16 && salt.length != 32) {
                throw new IllegalArgumentException("salt must be 16 or 32 bytes");
            }
            children = List.copyOf(children);
        }

        /** @return the size of the description box */
        public int descriptionSize() {
            int size = 8 + 16 + 1 + label.getBytes(StandardCharsets.UTF_8).length + 1;
            return salt == null ? size : size + 8 + salt.length;
        }

        @Override
        public int size() {
            long size = 8L + descriptionSize();
            for (JumbfNode child : children) {
                size += child.size();
            }
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("JUMBF box larger than 2 GiB");
            }
            return (int) size;
        }
    }

    /**
     * A content box such as {@code cbor} or {@code json}.
     *
     * @param type    four-character box type
     * @param payload the content
     */
    record ContentBox(String type, byte[] payload) implements JumbfNode {
        /**
         * Validates the fields.
         *
         * @param type    four-character box type
         * @param payload the content
         */
        public ContentBox {
            if (type.getBytes(StandardCharsets.US_ASCII).length != 4) {
                throw new IllegalArgumentException("box type must be four characters: " + type);
            }
            Objects.requireNonNull(payload, "payload");
        }

        @Override
        public int size() {
            return 8 + payload.length;
        }
    }

    /**
     * A complete box copied verbatim (a manifest carried over from an ingredient).
     *
     * @param bytes the box, header included
     */
    record RawBox(byte[] bytes) implements JumbfNode {
        /**
         * Validates the fields.
         *
         * @param bytes the box, header included
         */
        public RawBox {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public int size() {
            return bytes.length;
        }
    }
}
