package io.hestia.training.ml;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Serves one ONNX classifier with ONNX Runtime.
 *
 * <p><b>Contract.</b> The model has one float input of shape [N, featureNames.size()] (N dynamic; Hestia's own
 * exports call it {@code features}) and a float output of shape [N, labels.size()] holding probabilities whose rows
 * sum to 1 (Hestia's exports call it {@code probabilities}: Tribuo's Gemm + Softmax, reordered to {@code labels}).
 * The scorer takes the output named {@code probabilities} if there is one, else the only float output of width
 * labels.size(); no softmax is applied here, the graph already ends in one.
 *
 * <p><b>Lazy runtime.</b> ONNX Runtime (its native library and the process-wide {@link OrtEnvironment}) loads on
 * the first {@link #load}, never when this class is merely referenced, so Hestia's start-up does not pay for it.
 *
 * <p><b>Threads.</b> Any number of threads may score at once ({@link OrtSession#run} is thread-safe; each session
 * runs single-threaded inside, the parallelism comes from the callers). Each thread reuses a direct input buffer.
 * {@link #close()} waits for calls in flight and makes later calls fail with {@link IllegalStateException}, so a
 * hot swap publishes the new scorer first and closes the old one after.
 */
public final class OnnxScorer implements AutoCloseable {

    /** The process's one ORT environment, created (and the native library loaded) on first use. */
    private static final class Runtime {
        static final OrtEnvironment ENVIRONMENT = OrtEnvironment.getEnvironment();
    }

    /** Each thread's direct input buffer, shared by all scorers (a thread runs one call at a time). */
    private static final ThreadLocal<FloatBuffer> BUFFERS = new ThreadLocal<>();

    private final OrtSession session;
    private final String inputName;
    private final Set<String> outputNames;
    private final List<String> featureNames;
    private final List<String> labels;
    private final int width;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxScorer(OrtSession session, String inputName, String outputName, List<String> featureNames,
                       List<String> labels) {
        this.session = session;
        this.inputName = inputName;
        this.outputNames = Set.of(outputName);
        this.featureNames = featureNames;
        this.labels = labels;
        this.width = featureNames.size();
    }

    /**
     * @param model        ONNX bytes ({@link TrainedModel#onnx()})
     * @param featureNames the input's columns, in order
     * @param labels       the output's columns, in order
     * @throws IllegalArgumentException when the model is not valid ONNX or its shapes disagree with the names
     */
    public static OnnxScorer load(byte[] model, List<String> featureNames, List<String> labels) {
        List<String> features = List.copyOf(featureNames);
        List<String> labelList = List.copyOf(labels);
        if (features.isEmpty() || labelList.isEmpty()) {
            throw new IllegalArgumentException("a scorer needs feature names and labels");
        }
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = Runtime.ENVIRONMENT.createSession(model, options);
            String input = input(session, features.size());
            String output = output(session, labelList.size());
            return new OnnxScorer(session, input, output, features, labelList);
        } catch (OrtException e) {
            closeQuietly(session);
            throw new IllegalArgumentException("not a usable ONNX model: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private static String input(OrtSession session, int width) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("the model has " + inputs.size() + " inputs, a scorer needs one: "
                    + inputs.keySet());
        }
        NodeInfo input = inputs.values().iterator().next();
        long[] shape = floatMatrix(input, "input");
        if (shape[1] >= 0 && shape[1] != width) {
            throw new IllegalArgumentException("the model's input '" + input.getName() + "' has " + shape[1]
                    + " features, the feature names " + width);
        }
        return input.getName();
    }

    private static String output(OrtSession session, int labels) throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        List<String> candidates = new ArrayList<>();
        for (NodeInfo info : outputs.values()) {
            if (info.getInfo() instanceof TensorInfo tensor && tensor.type == OnnxJavaType.FLOAT
                    && tensor.getShape().length == 2 && tensor.getShape()[1] == labels) {
                if (info.getName().equals(Trainer.OUTPUT)) {
                    return info.getName();
                }
                candidates.add(info.getName());
            }
        }
        if (candidates.size() != 1) {
            throw new IllegalArgumentException("no single float[N, " + labels + "] probability output among "
                    + outputs.keySet());
        }
        return candidates.get(0);
    }

    private static long[] floatMatrix(NodeInfo node, String what) {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT
                || tensor.getShape().length != 2) {
            throw new IllegalArgumentException("the model's " + what + " '" + node.getName()
                    + "' is not a float matrix: " + node.getInfo());
        }
        return tensor.getShape();
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // already failing with the cause that matters
            }
        }
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> labels() {
        return labels;
    }

    /** Probabilities of one item, in {@link #labels()} order. */
    public float[] probabilities(float[] x) {
        checkWidth(x, 0);
        return run(1, x, null)[0];
    }

    /** Probabilities of each row, in {@link #labels()} order; an empty batch gives an empty answer. */
    public float[][] probabilities(float[][] x) {
        if (x.length == 0) {
            return new float[0][];
        }
        for (int i = 0; i < x.length; i++) {
            checkWidth(x[i], i);
        }
        return run(x.length, null, x);
    }

    private void checkWidth(float[] row, int index) {
        if (row == null || row.length != width) {
            throw new IllegalArgumentException("row " + index + " has " + (row == null ? "no" : row.length)
                    + " features, the model takes " + width + " " + featureNames);
        }
    }

    private float[][] run(int rows, float[] one, float[][] many) {
        FloatBuffer buffer = buffer(rows * width);
        if (one != null) {
            buffer.put(one);
        } else {
            for (float[] row : many) {
                buffer.put(row);
            }
        }
        buffer.flip();
        ReentrantReadWriteLock.ReadLock read = lock.readLock();
        read.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the scorer is closed");
            }
            try (OnnxTensor tensor = OnnxTensor.createTensor(Runtime.ENVIRONMENT, buffer,
                    new long[]{rows, width});
                 OrtSession.Result result = session.run(Map.of(inputName, tensor), outputNames)) {
                return (float[][]) result.get(0).getValue();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to score: " + e.getMessage(), e);
        } finally {
            read.unlock();
        }
    }

    /** This thread's direct buffer, grown to hold {@code floats} (the tensor reads it in place, without a copy). */
    private FloatBuffer buffer(int floats) {
        FloatBuffer buffer = BUFFERS.get();
        if (buffer == null || buffer.capacity() < floats) {
            buffer = ByteBuffer.allocateDirect(Float.BYTES * Math.max(floats, 1024))
                    .order(ByteOrder.nativeOrder()).asFloatBuffer();
            BUFFERS.set(buffer);
        }
        buffer.clear();
        return buffer;
    }

    /** Waits for calls in flight, then frees the session; idempotent. The shared environment stays. */
    @Override
    public void close() {
        ReentrantReadWriteLock.WriteLock write = lock.writeLock();
        write.lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("could not close the ONNX session: " + e.getMessage(), e);
        } finally {
            write.unlock();
        }
    }
}
