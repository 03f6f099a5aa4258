package io.karafimages.core.internal.testing;

import java.awt.image.BufferedImage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.karafimages.core.internal.backend.Backends;
import io.karafimages.core.internal.embeds.DefaultEmbedService;
import io.karafimages.core.internal.embeds.EmbedDeletion;
import io.karafimages.core.internal.embeds.EmbedRoutes;
import io.karafimages.core.internal.embeds.EmbedUploads;
import io.karafimages.core.internal.inputs.SkillInputs;
import io.karafimages.core.internal.tasks.TaskEventPublisher;
import io.karafimages.core.internal.embeds.EmbedFiles;
import io.karafimages.core.internal.pipeline.RenditionPipeline;
import io.karafimages.core.internal.pipeline.TestImages;
import io.karafimages.core.internal.registry.ProviderRegistry;
import io.karafimages.core.internal.registry.SkillRegistry;
import io.karafimages.core.internal.skills.GenerateSkill;
import io.karafimages.core.internal.styles.StyleBook;
import io.karafimages.core.internal.tasks.DefaultTaskService;
import io.karafimages.core.internal.tasks.TaskAttempt;
import io.karafimages.core.internal.tasks.TaskEngine;
import io.karafimages.core.internal.usage.UsageLimits;
import io.karafimages.spi.provider.ImageProvider;
import io.karafimages.spi.skill.Skill;
import io.karafimages.core.internal.store.TaskRepository;
import io.karafimages.core.internal.store.jdbc.JdbcStore;

/**
 * The core wired by hand the way DS wires it, on the real JDBC store (H2 in memory) with in-memory storage
 * and keys. Nodes share the store, as runtimes in a cluster share a database.
 */
public final class Harness implements AutoCloseable {
    public final JdbcStore store;
    /**
     * The tasks as the core sees them: {@link #store}, or a view of it whose clock is skewed ({@link #skewed}). The
     * other repositories (embeds, usage) have no clock and are {@link #store} itself.
     */
    public final TaskRepository wired;
    public final SkillRegistry skills = new SkillRegistry();
    public final ProviderRegistry providers = new ProviderRegistry();
    public final Backends backends = new Backends();
    public final MemoryBlobStore blobs = new MemoryBlobStore("mem");
    public final TestKeyService keys = new TestKeyService("test");
    public final RenditionPipeline pipeline;
    public final EmbedFiles files;
    public final EmbedRoutes routes;
    public final DefaultEmbedService embeds;
    public final TaskAttempt attempt;
    public final SkillInputs inputs;
    public final StyleBook styles;
    public final TaskEventPublisher events = new TaskEventPublisher();
    private final List<TaskEngine> engines = new ArrayList<>();

    public Harness() throws Exception {
        this(RenditionPipeline.Settings.DEFAULTS);
    }

    /** @param pipelineSettings e.g. a small {@code maxPixels} to test the limits */
    public Harness(RenditionPipeline.Settings pipelineSettings) throws Exception {
        this(pipelineSettings, Duration.ZERO);
    }

    /**
     * A core whose node clock and database clock disagree: the store's {@code now()} (the database's clock) is
     * {@code databaseAhead} ahead of this JVM's clock (negative: the node's clock runs ahead of the database's).
     */
    public static Harness skewed(Duration databaseAhead) throws Exception {
        return new Harness(RenditionPipeline.Settings.DEFAULTS, databaseAhead);
    }

    private Harness(RenditionPipeline.Settings pipelineSettings, Duration databaseAhead) throws Exception {
        pipeline = new RenditionPipeline(pipelineSettings);
        store = JdbcStore.forUrl("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        wired = databaseAhead.isZero() ? store : skewedClock(store, databaseAhead);
        providers.configure(Configs.of(ProviderRegistry.Config.class, Map.of()));
        backends.configure(Configs.of(Backends.Config.class, Map.of()));
        backends.addBlobStore(blobs, Map.of());
        backends.addKeyService(keys, Map.of());
        files = new EmbedFiles(backends);
        routes = new EmbedRoutes(store);
        embeds = new DefaultEmbedService(store, backends, files, new EmbedUploads(store, backends, files, pipeline),
                routes);
        inputs = new SkillInputs(embeds, pipeline);
        attempt = new TaskAttempt(wired, store, skills, providers, pipeline, files, embeds, inputs, backends, events);
        styles = new StyleBook(store, embeds);
        skills.addSkill(new GenerateSkill(providers, styles, embeds), Map.of(SkillRegistry.SKILL_ID, "generate"));
    }

    /** Uploads an image as PNG for {@code userId} and returns the finished embed's id. */
    public String upload(String userId, BufferedImage image) {
        return embeds.upload(userId, TestImages.encode(image, "png"), "image/png", null).embedId();
    }

    public Harness provider(ImageProvider provider) {
        providers.addProvider(provider, Map.of("service.id", 1L));
        return this;
    }

    public Harness skill(String id, Skill<?> skill) {
        skills.addSkill(skill, Map.of(SkillRegistry.SKILL_ID, id));
        return this;
    }

    /** Starts a node: an engine with its own node id. */
    public TaskEngine node(String nodeId, int maxAttempts, Duration lease) {
        TaskEngine engine = new TaskEngine(wired, attempt, new TaskEngine.Settings(nodeId, 2, maxAttempts, lease,
                Duration.ZERO, Duration.ZERO), Duration.ofMillis(50));
        engines.add(engine);
        return engine;
    }

    /** Wires embed deletion the way DS does, cancelling through {@code tasks}. */
    public EmbedDeletion deletion(DefaultTaskService tasks, Duration cancelWait) {
        EmbedDeletion deletion = new EmbedDeletion(wired, store, backends, embeds, tasks, cancelWait);
        embeds.setDeletion(deletion);
        return deletion;
    }

    public DefaultTaskService tasks(TaskEngine engine) {
        return tasks(engine, Map.of());
    }

    /** @param limits overrides of {@link UsageLimits.Config} (budget, rate) */
    public DefaultTaskService tasks(TaskEngine engine, Map<String, Object> limits) {
        return new DefaultTaskService(wired, store, skills, backends, engine, attempt,
                new UsageLimits(wired, store, Configs.of(UsageLimits.Config.class, limits)), inputs);
    }

    /** The store as a node sees it, with every call passed through except {@code now()}, which is shifted. */
    private static TaskRepository skewedClock(JdbcStore store, Duration shift) {
        return (TaskRepository) Proxy.newProxyInstance(TaskRepository.class.getClassLoader(),
                new Class<?>[] {TaskRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("now") && method.getParameterCount() == 0) {
                        return store.now().plus(shift);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() {
        engines.forEach(TaskEngine::stop);
    }
}
