package io.karafimages.rest.internal;

import java.util.List;
import java.util.Optional;

import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.jaxrs.sse.SseContextProvider;
import org.apache.cxf.jaxrs.sse.SseEventSinkContextProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

import io.karafimages.api.EmbedService;
import io.karafimages.api.HealthService;
import io.karafimages.api.ReportService;
import io.karafimages.api.SessionService;
import io.karafimages.api.LiveEvents;
import io.karafimages.api.SigningCertificates;
import io.karafimages.api.SkillCatalog;
import io.karafimages.api.TaskService;
import io.karafimages.api.StyleService;
import io.karafimages.api.UsageService;
import io.karafimages.api.UserService;

/**
 * Publishes the REST API on CXF's OSGi servlet (relative address, so it is served on Karaf's HTTP port under
 * the CXF servlet context, {@code /} in our distribution). The cookie and proxy rules of the web
 * app come from {@link WebSettings} ({@code images.web}).
 */
@Component(immediate = true, configurationPid = "images.rest")
@Designate(ocd = RestServer.Config.class)
public final class RestServer {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    @ObjectClassDefinition(name = "Karaf Images: REST API", description = "Where the /v1 API is published.")
    public @interface Config {
        @AttributeDefinition(name = "Address", description = "Path under the CXF servlet context "
                + "(org.apache.cxf.osgi: org.apache.cxf.servlet.context, '/' in our distribution).")
        String address() default "/v1";

        @AttributeDefinition(name = "SSE heartbeat seconds", description = "A comment line on GET /v1/events this "
                + "often keeps the stream open (Jetty's idle timeout is 30 s).")
        int events_heartbeat_seconds() default 15;

        @AttributeDefinition(name = "SSE queue", description = "Events one GET /v1/events stream may have unsent; "
                + "beyond that the stream is closed and the client resumes with Last-Event-ID.")
        int events_queue_capacity() default 1000;

        @AttributeDefinition(name = "Download concurrency", description = "At most this many file downloads "
                + "(GET {address}/embeds/{id}/file) prepare at once: authenticate, find and open the file, read and "
                + "decrypt its first 64 KB; the others wait their turn in arrival order. A file in S3 or under a "
                + "Vault key is opened between two turns (the round trip holds none), and every download writes to "
                + "its client outside its turn. -1: one more than the cores the JVM sees (measured on 2 cores, 3 "
                + "turns kept the slowest downloads near the median at saturation with files on local disk, in S3 "
                + "and under Vault keys). 0: no bound.")
        int download_concurrency() default -1;
    }

    private final Server server;
    private volatile SigningCertificates certificates;
    private volatile LiveEvents liveEvents;
    private final java.util.concurrent.ScheduledExecutorService sseTimer;

    @Activate
    public RestServer(@Reference TaskService tasks, @Reference EmbedService embeds, @Reference SkillCatalog skills,
            @Reference HealthService health, @Reference UserService users, @Reference UsageService usage,
            @Reference StyleService styles, @Reference SessionService sessions, @Reference WebSettings settings,
            @Reference ReportService reports, Config config) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus(true));
        factory.setAddress(config.address());
        factory.setResourceClasses(SkillsResource.class, TasksResource.class, EmbedsResource.class,
                HealthResource.class, ProvenanceResource.class, UsageResource.class, StylesResource.class,
                SessionResource.class, EventsResource.class);
        factory.setResourceProvider(SessionResource.class,
                new SingletonResourceProvider(new SessionResource(sessions, settings)));
        this.sseTimer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "images-sse-heartbeat");
            t.setDaemon(true);
            return t;
        });
        factory.setResourceProvider(EventsResource.class, new SingletonResourceProvider(new EventsResource(
                () -> liveEvents, sseTimer, java.time.Duration.ofSeconds(config.events_heartbeat_seconds()),
                Math.max(1, config.events_queue_capacity()))));
        factory.setResourceProvider(SkillsResource.class,
                new SingletonResourceProvider(new SkillsResource(skills, tasks)));
        factory.setResourceProvider(TasksResource.class,
                new SingletonResourceProvider(new TasksResource(tasks, embeds)));
        factory.setResourceProvider(StylesResource.class, new SingletonResourceProvider(new StylesResource(styles)));
        factory.setResourceProvider(EmbedsResource.class, new SingletonResourceProvider(new EmbedsResource(embeds,
                reports)));
        factory.setResourceProvider(HealthResource.class, new SingletonResourceProvider(new HealthResource(health, settings)));
        factory.setResourceProvider(UsageResource.class, new SingletonResourceProvider(new UsageResource(usage)));
        factory.setResourceProvider(ProvenanceResource.class,
                new SingletonResourceProvider(new ProvenanceResource(() -> Optional.ofNullable(certificates))));
        factory.setProviders(List.of(new JacksonJsonProvider(), new SseContextProvider(), new SseEventSinkContextProvider(),
                new ApiKeyFilter(users, sessions),
                new ExceptionMappers.Images(), new ExceptionMappers.Web(), new ExceptionMappers.Unexpected()));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            this.server = factory.create();
        } finally {
            thread.setContextClassLoader(previous);
        }
        pinRequestClassLoader(factory.getBus());
        LOG.info("Karaf Images REST API published at {}", config.address());
    }

    /**
     * CXF's servlet sets each request's context class loader to the bus's {@code ClassLoader} extension and, when the
     * bus has none (the default bus in OSGi), looks one up again for every request through the bus's resource
     * manager: {@code getResource("")} on bundle class loaders, which synchronise on their bundle archive, and which
     * finds none (CXF's class-loader resolvers answer URLs, never loaders). A JFR profile of the download benchmark
     * showed requests queueing on that monitor for up to 270 ms. With this bundle's class loader as the extension
     * (the one the endpoint was created under, see above) requests skip the lookup.
     */
    private static void pinRequestClassLoader(org.apache.cxf.Bus bus) {
        if (bus == null || bus.getExtension(ClassLoader.class) != null) {
            return;
        }
        org.apache.cxf.resource.ResourceManager resources =
                bus.getExtension(org.apache.cxf.resource.ResourceManager.class);
        ClassLoader found = resources == null ? null : resources.resolveResource("", ClassLoader.class);
        bus.setExtension(found != null ? found : RestServer.class.getClassLoader(), ClassLoader.class);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCertificates(SigningCertificates certificates) {
        this.certificates = certificates;
    }

    void unsetCertificates(SigningCertificates certificates) {
        if (this.certificates == certificates) {
            this.certificates = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setLiveEvents(LiveEvents events) {
        this.liveEvents = events;
    }

    void unsetLiveEvents(LiveEvents events) {
        if (this.liveEvents == events) {
            this.liveEvents = null;
        }
    }

    @Deactivate
    void stop() {
        sseTimer.shutdownNow();
        server.destroy();
    }
}
