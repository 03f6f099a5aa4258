package io.karafimages.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.karafimages.spi.provider.ImageProvider;

class LimitedImageProviderTest {

    /**
     * The wrapper must pass every provider method on, default methods included: a new SPI method it does not
     * override silently answers with the SPI's default (a refusal) for every provider.
     */
    @Test
    void overridesEveryMethodOfTheProviderInterface() throws NoSuchMethodException {
        List<String> missing = new ArrayList<>();
        for (Method m : ImageProvider.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method own = LimitedImageProvider.class.getMethod(m.getName(), m.getParameterTypes());
            if (own.getDeclaringClass() != LimitedImageProvider.class) {
                missing.add(m.getName());
            }
        }
        assertEquals(List.of(), missing);
    }
}
