package io.karafimages.provider.serpapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.karafimages.spi.search.ImageSearchProvider;

/**
 * The service exists only with a key. The bundle context is a hand-made fake (a JDK proxy that records
 * {@code registerService}); nothing of the component's own is reached by reflection.
 */
class SerpApiRegistrarTest {
    private record Registered(Object service, Dictionary<?, ?> properties) {
    }

    private final List<Registered> registered = new ArrayList<>();
    private final AtomicInteger unregistered = new AtomicInteger();

    @Test
    void withoutAKeyNothingIsRegistered() {
        SerpApiRegistrar registrar = new SerpApiRegistrar(context(), TestConfig.withKey("$[env:SERPAPI_KEY]"));
        assertFalse(registrar.registered());
        assertEquals(List.of(), registered);
        registrar.deactivate();
        assertEquals(0, unregistered.get());
    }

    @Test
    void withAKeyTheSearchIsRegisteredAboveTheOfflineOneAndWithdrawnOnDeactivate() {
        SerpApiRegistrar registrar = new SerpApiRegistrar(context(), TestConfig.withKey("real-key"));
        assertTrue(registrar.registered());
        assertEquals(1, registered.size());
        ImageSearchProvider provider = (ImageSearchProvider) registered.get(0).service();
        assertEquals("serpapi", provider.id());
        assertEquals(100, registered.get(0).properties().get("service.ranking"));
        assertEquals("serpapi", registered.get(0).properties().get("images.provider.id"));
        assertFalse(registered.get(0).properties().toString().contains("real-key"));
        registrar.deactivate();
        assertEquals(1, unregistered.get());
    }

    private BundleContext context() {
        ServiceRegistration<?> registration = (ServiceRegistration<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        unregistered.incrementAndGet();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] == ImageSearchProvider.class) {
                        registered.add(new Registered(args[1], (Dictionary<?, ?>) args[2]));
                        return registration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
