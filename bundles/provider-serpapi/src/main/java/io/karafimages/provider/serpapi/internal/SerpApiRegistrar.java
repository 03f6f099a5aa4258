package io.karafimages.provider.serpapi.internal;

import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.spi.search.ImageSearchProvider;

/**
 * Offers the {@link SerpApiSearchProvider} as an {@link ImageSearchProvider} service while
 * {@code etc/images.provider.serpapi.cfg} exists and holds an API key. The distribution ships that file with
 * {@code .api.key = $[env:SERPAPI_KEY]}, so a server without the variable must not offer a search that can only
 * fail: without a key nothing is registered (one warning per configuration) and the {@code reverse_search} skill
 * keeps its offline search. This cannot be a plain DS service component: DS registers a delayed component's service
 * before it constructs it, so a constructor refusing the missing key would leave a registered service that fails
 * every lookup; hence the registration by hand. Any other bad value stops activation with a message that names the
 * property.
 */
@Component(service = {}, immediate = true, configurationPid = SerpApiRegistrar.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SerpApiConfig.class)
public final class SerpApiRegistrar {
    static final String PID = "images.provider.serpapi";
    /** Above the offline search a skill falls back to, like the other cloud providers. */
    static final int RANKING = 100;
    /** The same service property the image providers carry ({@code @ProviderId}). */
    static final String PROVIDER_ID_PROPERTY = "images.provider.id";
    private static final Logger LOG = LoggerFactory.getLogger(SerpApiRegistrar.class);

    private final Optional<SerpApiSearchProvider> provider;
    private final Optional<ServiceRegistration<ImageSearchProvider>> registration;

    @Activate
    public SerpApiRegistrar(BundleContext context, SerpApiConfig config) {
        Optional<SerpApiSettings> settings = SerpApiSettings.from(config);
        if (settings.isEmpty()) {
            LOG.warn("{}: .api.key is empty or an unresolved placeholder, so reverse image search with SerpApi is "
                    + "off; set it, e.g. .api.key = $[env:SERPAPI_KEY]", PID);
        }
        this.provider = settings.map(s -> new SerpApiSearchProvider(s, Clock.systemUTC()));
        this.registration = provider.map(p -> context.registerService(ImageSearchProvider.class, p, properties()));
        provider.ifPresent(p -> LOG.info("SerpApi reverse image search ready: {}", p));
    }

    static Dictionary<String, Object> properties() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, RANKING);
        properties.put(PROVIDER_ID_PROPERTY, SerpApiSearchProvider.ID);
        return properties;
    }

    /** Whether the search is offered (false without an API key). */
    boolean registered() {
        return registration.isPresent();
    }

    @Deactivate
    void deactivate() {
        registration.ifPresent(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        });
        provider.ifPresent(SerpApiSearchProvider::close);
    }
}
