package io.karafimages.testsupport.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Tiny ONNX models written byte by byte (no model can be downloaded here), following onnx.proto's field numbers:
 * IR version 7, default-domain opset 13. They exercise the whole ONNX Runtime path with the input and output
 * shapes of a real salient-object model.
 */
public final class TinyOnnxModels {
    private static final int FLOAT = 1; // TensorProto.DataType.FLOAT
    private static final int ATTRIBUTE_INT = 2; // AttributeProto.AttributeType.INT
    private static final int ATTRIBUTE_INTS = 7; // AttributeProto.AttributeType.INTS

    private TinyOnnxModels() {
    }

    /**
     * A "brightness saliency" model: {@code image} (float 1x3xHxW) → ReduceMean over the channels → Mul by
     * {@code gain} → Sigmoid → {@code saliency} (float 1x1xHxW). Bright pixels come out near 1, dark ones near 0.
     *
     * @param edge the declared height and width of input and output; negative for symbolic ("h", "w")
     */
    public static byte[] brightness(float gain, long edge) {
        return brightness(gain, edge, 3);
    }

    /** As {@link #brightness(float, long)} with another channel count, for a model that is not an RGB model. */
    public static byte[] brightness(float gain, long edge, long channels) {
        Protobuf reduceMean = node("ReduceMean", "mean", "image")
                .message(5, new Protobuf().string(1, "axes").varint(8, 1).varint(20, ATTRIBUTE_INTS))
                .message(5, new Protobuf().string(1, "keepdims").varint(3, 1).varint(20, ATTRIBUTE_INT));
        Protobuf graph = new Protobuf()
                .message(1, reduceMean)
                .message(1, node("Mul", "scaled", "mean", "gain"))
                .message(1, node("Sigmoid", "saliency", "scaled"))
                .string(2, "tiny-saliency")
                .message(5, scalar("gain", gain)) // initializer
                .message(11, valueInfo("image", channels, edge)) // input
                .message(12, valueInfo("saliency", 1, edge)); // output
        return new Protobuf()
                .varint(1, 7) // ir_version
                .string(2, "karaf-images-tests") // producer_name
                .message(7, graph)
                .message(8, new Protobuf().string(1, "").varint(2, 13)) // opset_import: ai.onnx 13
                .toBytes();
    }

    /** NodeProto: input (1), output (2), name (3), op_type (4). */
    private static Protobuf node(String opType, String output, String... inputs) {
        Protobuf node = new Protobuf();
        for (String input : inputs) {
            node.string(1, input);
        }
        return node.string(2, output).string(3, output + "_node").string(4, opType);
    }

    /** TensorProto of rank 0: data_type (2), name (8), raw_data (9) little-endian. */
    private static Protobuf scalar(String name, float value) {
        byte[] raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
        return new Protobuf().varint(2, FLOAT).string(8, name).bytes(9, raw);
    }

    /** ValueInfoProto name (1), type (2) → TypeProto.tensor_type (1) → elem_type (1), shape (2) of 1xCxHxW. */
    private static Protobuf valueInfo(String name, long channels, long edge) {
        Protobuf shape = new Protobuf().message(1, dim(1, null)).message(1, dim(channels, null))
                .message(1, dim(edge, "h")).message(1, dim(edge, "w"));
        Protobuf tensorType = new Protobuf().varint(1, FLOAT).message(2, shape);
        return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensorType));
    }

    /** TensorShapeProto.Dimension: dim_value (1), or dim_param (2) when the value is negative. */
    private static Protobuf dim(long value, String symbol) {
        return value >= 0 ? new Protobuf().varint(1, value) : new Protobuf().string(2, symbol);
    }
}
