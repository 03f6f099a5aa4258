package io.karafimages.testsupport.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers writer for the test models: varints, length-delimited fields and nested messages,
 * enough for ONNX's ModelProto. Fields are written in the order they are added. Not thread-safe.
 */
public final class Protobuf {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Protobuf varint(int field, long value) {
        tag(field, VARINT);
        writeVarint(value);
        return this;
    }

    Protobuf string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Protobuf bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        writeVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    Protobuf message(int field, Protobuf message) {
        return bytes(field, message.toBytes());
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        writeVarint((long) field << 3 | wireType);
    }

    /** Base-128, least significant group first; negative numbers take ten bytes, as protobuf's int64 does. */
    private void writeVarint(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
