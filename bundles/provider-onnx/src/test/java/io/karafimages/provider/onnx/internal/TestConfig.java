package io.karafimages.provider.onnx.internal;

import java.lang.annotation.Annotation;
import java.nio.file.Path;

/** An {@link OnnxConfig} as Declarative Services would hand it over, with the metatype defaults. Mutable. */
final class TestConfig implements OnnxConfig {
    String modelPath = "";
    String sha256 = "";
    int inputSize = 320;
    String mean = "0.485,0.456,0.406";
    String std = "0.229,0.224,0.225";
    int threads = 0;
    String displayName = "";

    static TestConfig of(Path model) {
        TestConfig config = new TestConfig();
        config.modelPath = model.toString();
        return config;
    }

    TestConfig inputSize(int value) {
        inputSize = value;
        return this;
    }

    @Override
    public String model_path() {
        return modelPath;
    }

    @Override
    public String sha256() {
        return sha256;
    }

    @Override
    public int input_size() {
        return inputSize;
    }

    @Override
    public String mean() {
        return mean;
    }

    @Override
    public String std() {
        return std;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public String display_name() {
        return displayName;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return OnnxConfig.class;
    }
}
