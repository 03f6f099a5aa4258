package io.karafimages.provenance.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component's typed configuration (an annotation instance) from its defaults plus overrides. */
final class Configs {
    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <A extends Annotation> A of(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            throw new IllegalStateException("No value for " + method.getName());
        });
    }
}
