package io.karafimages.provider.onnx.internal;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.karafimages.api.ErrorCodes;
import io.karafimages.api.ImagesException;

/**
 * One loaded salient-object model: an ONNX Runtime session taking a {@code 1x3xSxS} float image and answering a
 * saliency map from its first output. The session is created once and shared: ONNX Runtime allows concurrent
 * {@code run} calls on one session. A read-write lock keeps {@link #close} from freeing the native session under a
 * running call (which would crash the JVM, not throw). Thread-safe.
 */
final class SaliencyModel implements AutoCloseable {
    /** A saliency map as the model answered it, row-major, values not yet normalised. */
    record Map2d(float[] values, int width, int height) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SaliencyModel.class);

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final int size;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private SaliencyModel(OrtEnvironment environment, OrtSession session, String inputName, int size) {
        this.environment = environment;
        this.session = session;
        this.inputName = inputName;
        this.size = size;
    }

    /**
     * Loads the model and checks that its first input takes {@code 1x3xSxS} floats, where a fixed S must equal
     * {@code size}.
     *
     * @param threads ONNX Runtime intra-op threads, 0 for its default
     * @throws IllegalArgumentException when ONNX Runtime cannot load the file or its input does not fit
     */
    static SaliencyModel load(Path file, int size, int threads) {
        OrtEnvironment environment = OrtEnvironment.getEnvironment(); // process-wide, owned by ONNX Runtime
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            session = environment.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw OnnxSettings.invalid("ONNX Runtime cannot load the model file " + file + ": " + e.getMessage());
        }
        try {
            String input = checkedInput(session, size);
            if (session.getNumOutputs() < 1) {
                throw OnnxSettings.invalid("the model " + file + " has no output");
            }
            return new SaliencyModel(environment, session, input, size);
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            throw e instanceof RuntimeException r ? r
                    : OnnxSettings.invalid("cannot read the inputs of the model " + file + ": " + e.getMessage());
        }
    }

    private static String checkedInput(OrtSession session, int size) throws OrtException {
        if (session.getNumInputs() != 1) {
            throw OnnxSettings.invalid("the model takes " + session.getNumInputs() + " inputs; a salient-object "
                    + "model takes one image");
        }
        Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
        long[] shape = input.getValue().getInfo() instanceof TensorInfo t && t.type == OnnxJavaType.FLOAT
                ? t.getShape() : null;
        if (shape == null || shape.length != 4 || !fits(shape[0], 1) || !fits(shape[1], 3)) {
            throw OnnxSettings.invalid("the model's input '" + input.getKey() + "' is " + input.getValue().getInfo()
                    + "; a salient-object model takes float 1x3xHxW");
        }
        if (!fits(shape[2], size) || !fits(shape[3], size)) {
            throw OnnxSettings.invalid("the model's input is fixed at " + shape[3] + "x" + shape[2]
                    + " pixels but input.size is " + size + "; set input.size to " + shape[2]);
        }
        return input.getKey();
    }

    /** Whether a declared dimension (negative: symbolic) accepts the value. */
    private static boolean fits(long declared, long value) {
        return declared < 0 || declared == value;
    }

    /** The square edge the model is fed at. */
    int size() {
        return size;
    }

    /**
     * Runs the model on one {@code 1x3xSxS} image in NCHW order and answers its first output as a map.
     *
     * @throws ImagesException {@code provider_unavailable} (retryable) once closed; {@code provider_bad_output}
     *         when ONNX Runtime fails or the first output is not a float map
     */
    Map2d run(float[] nchw) {
        Lock read = lock.readLock();
        read.lock();
        try {
            if (closed) {
                throw new ImagesException(ErrorCodes.PROVIDER_UNAVAILABLE, 503, true,
                        "The ONNX model is being unloaded; try again.");
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(nchw),
                    new long[] { 1, 3, size, size }); OrtSession.Result result = session.run(Map.of(inputName,
                            tensor))) {
                return map(result.get(0));
            } catch (OrtException e) {
                throw badOutput("ONNX Runtime failed to run the model: " + e.getMessage());
            }
        } finally {
            read.unlock();
        }
    }

    /** The output as a map: its last two dimensions are the map's, every other one must be 1. */
    private static Map2d map(OnnxValue value) {
        if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
            throw badOutput("The model's first output is " + value.getInfo() + ", not a float tensor.");
        }
        long[] shape = tensor.getInfo().getShape();
        if (shape.length < 2 || Arrays.stream(shape, 0, shape.length - 2).anyMatch(d -> d != 1)) {
            throw badOutput("The model's first output has shape " + Arrays.toString(shape) + ", not 1x1xHxW.");
        }
        int height = Math.toIntExact(shape[shape.length - 2]);
        int width = Math.toIntExact(shape[shape.length - 1]);
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        if (width < 1 || height < 1 || values.length != width * height) {
            throw badOutput("The model's first output is empty.");
        }
        return new Map2d(values, width, height);
    }

    private static ImagesException badOutput(String message) {
        return new ImagesException(ErrorCodes.PROVIDER_BAD_OUTPUT, 502, false, message);
    }

    /** Frees the native session once every running call has returned; later calls fail as unavailable. */
    @Override
    public void close() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (!closed) {
                closed = true;
                closeQuietly(session);
            }
        } finally {
            write.unlock();
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing left to do with a session that cannot be closed: its memory goes with the process
            LOG.warn("Closing the ONNX session failed", e);
        }
    }
}
