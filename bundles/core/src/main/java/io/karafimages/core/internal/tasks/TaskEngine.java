package io.karafimages.core.internal.tasks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;

/**
 * The persistent task engine (Sling's job model on our own store). Tasks wait in the store, not in memory:
 * a poller claims them with a compare-and-set that takes a lease, workers run them, a heartbeat renews the
 * leases of running tasks. A task whose node died is claimed again when its lease runs out (or at once
 * when the same node restarts), and fails with {@code worker_lost} after the configured attempts, so no
 * task stays {@code processing} forever.
 *
 * <p>A claim is identified by its lease owner and attempt number; every write a worker makes is conditional on
 * its claim still holding the task. Leases are written and judged by the store's clock, and the heartbeat has its
 * own thread, so a slow poll cannot delay it.
 */
@Component(service = TaskEngine.class, configurationPid = "images.tasks")
@Designate(ocd = TaskEngine.Config.class)
public final class TaskEngine {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEngine.class);

    @ObjectClassDefinition(name = "Karaf Images: task engine",
            description = "How this node runs image tasks: parallelism, retries and leases.")
    public @interface Config {
        @AttributeDefinition(name = "Workers", description = "Tasks this node runs at the same time, at most the "
                + "JVM's max heap / heap.per.task.mb.", min = "1")
        int workers() default 4;

        @AttributeDefinition(name = "Heap per task (MiB)", description = "Heap a running task may need (a 2048x2048 "
                + "answer, its decoded pixels and renditions); caps workers at max heap / this, so a burst of "
                + "large images waits in the queue (where any node may take it) instead of exhausting the heap. "
                + "0 = no cap.", min = "0")
        int heap_per_task_mb() default 48;

        @AttributeDefinition(name = "Max attempts", description = "Attempts per task, counting the first, "
                + "before a retryable failure (or a node that died while running it) fails the task.", min = "1")
        int max_attempts() default 3;

        @AttributeDefinition(name = "Lease (seconds)", description = "How long a node's claim on a running task "
                + "lasts without a heartbeat. After that another node (or this one after a restart) takes it over.",
                min = "5")
        int lease_seconds() default 60;

        @AttributeDefinition(name = "Poll interval (ms)", description = "How often the store is checked for "
                + "work submitted on other nodes and for expired leases. Work submitted here starts at once.")
        int poll_interval_ms() default 1000;

        @AttributeDefinition(name = "Retry base delay (seconds)", description = "Backoff before the 2nd attempt; "
                + "doubles with every further attempt unless the provider asked for a Retry-After.")
        int retry_base_seconds() default 2;

        @AttributeDefinition(name = "Retry max delay (seconds)", description = "Upper bound of the backoff.")
        int retry_max_seconds() default 120;
    }

    /** Engine settings as plain values, shared with the workers. */
    public record Settings(String nodeId, int workers, int maxAttempts, Duration lease, Duration retryBase,
            Duration retryMax) {
        Duration backoff(int attempt) {
            long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
            Duration d = retryBase.multipliedBy(factor);
            return d.compareTo(retryMax) > 0 ? retryMax : d;
        }
    }

    private final TaskRepository store;
    private final TaskAttempt attempt;
    private final Settings settings;
    private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService heartbeats;
    /** Tasks this node ended whose dead attempts' files are not swept yet, by id. */
    private final Map<String, TaskRecord> pendingSweeps = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    @Activate
    public TaskEngine(@Reference TaskRepository store, @Reference TaskAttempt attempt, Config config) {
        this(store, attempt, new Settings(
                NodeIdentity.load(Path.of(System.getProperty("karaf.data", "data"), "images")),
                workers(config.workers(), config.heap_per_task_mb(), Runtime.getRuntime().maxMemory()),
                config.max_attempts(), Duration.ofSeconds(config.lease_seconds()),
                Duration.ofSeconds(config.retry_base_seconds()), Duration.ofSeconds(config.retry_max_seconds())),
                Duration.ofMillis(config.poll_interval_ms()));
    }

    /** The configured workers, capped by the heap: each running task may hold {@code heapPerTaskMb}. */
    static int workers(int configured, int heapPerTaskMb, long maxHeap) {
        int workers = Math.max(1, configured);
        if (heapPerTaskMb <= 0 || maxHeap == Long.MAX_VALUE) {
            return workers;
        }
        int cap = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxHeap / (heapPerTaskMb * 1024L * 1024L)));
        if (cap < workers) {
            LOG.warn("images.tasks workers = {} capped at {}: a {} MiB heap allows {} tasks of heap.per.task.mb = {}",
                    workers, cap, maxHeap >> 20, cap, heapPerTaskMb);
        }
        return Math.min(workers, cap);
    }

    /** An engine with explicit settings (several nodes in one JVM, in tests). */
    public TaskEngine(TaskRepository store, TaskAttempt attempt, Settings settings, Duration pollInterval) {
        this.store = store;
        this.attempt = attempt;
        this.settings = settings;
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), named("images-task-worker"));
        this.scheduler = scheduler("images-task-scheduler");
        this.heartbeats = scheduler("images-task-heartbeat");
        releaseOrphans();
        long heartbeat = Math.max(1, settings.lease().toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        heartbeats.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::expireIdempotencyKeys, 1, 60, TimeUnit.MINUTES);
        LOG.info("Task engine started on {} with {} workers", settings.nodeId(), settings.workers());
    }

    /**
     * Stops polling (a poll in flight finishes, ending what it must but claiming nothing), abandons the running
     * attempts and waits a while for their workers. Leases of tasks whose worker ended are expired, so the next start
     * (or another node) takes them over at once; a worker still alive after the wait keeps its lease, which then runs
     * out on its own. Last, the sweeps of ended tasks that the workers did not finish are run here.
     */
    @Deactivate
    public void stop() {
        stopping = true;
        scheduler.shutdown(); // not shutdownNow: the poll in flight is not interrupted mid-way through a JDBC call
        try {
            // A poll in flight may still end a task (cancelled, worker lost) but claims none once stopping is set: it
            // finishes first, so what it ends is swept below, and no attempt starts on an engine that is stopping.
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.values().forEach(RunningTask::abandon);
        heartbeats.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Instant now = store.now();
            for (TaskRecord t : store.findLeasedBy(settings.nodeId())) {
                TaskUpdates.apply(store, t.id(), r -> running.containsKey(r.id()) ? Optional.empty()
                        : TaskTransitions.release(r, settings.nodeId(), now));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release the leases of {}; they run out on their own", settings.nodeId(), e);
        }
        // after the leases: other nodes need not wait for storage; these are the sweeps the workers did not run or
        // whose interruption broke them off (sweepEnded logs and never throws)
        List.copyOf(pendingSweeps.keySet()).forEach(this::sweepPending);
        LOG.info("Task engine stopped on {}", settings.nodeId());
    }

    /** Looks for work now instead of at the next poll, e.g. right after a task was committed. */
    public void wake() {
        try {
            scheduler.execute(this::poll);
        } catch (RejectedExecutionException e) {
            LOG.debug("Engine is stopping; the next start picks the task up");
        }
    }

    /** Stops a task running on this node at its next safe point (the store already says cancelled). */
    public void cancelLocal(String taskId) {
        Optional.ofNullable(running.get(taskId)).ifPresent(RunningTask::cancel);
    }

    public int workers() {
        return settings.workers();
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** Frees the idempotency keys of tasks past the replay window, once an hour, off the request path. */
    private void expireIdempotencyKeys() {
        try {
            store.expireIdempotencyKeys(store.now().minus(DefaultTaskService.IDEMPOTENCY_WINDOW));
        } catch (RuntimeException e) {
            LOG.warn("Expiring idempotency keys failed; trying again in an hour", e);
        }
    }

    private void poll() {
        try {
            int free = settings.workers() - running.size();
            if (free <= 0) {
                return;
            }
            for (TaskRecord candidate : store.findClaimable(store.now(), free * 2)) {
                if (running.size() >= settings.workers()) {
                    return;
                }
                if (running.containsKey(candidate.id())) {
                    continue; // our own worker still runs it: a late heartbeat renews the lease, nobody re-claims it
                }
                claim(candidate).ifPresent(this::start);
            }
        } catch (RuntimeException e) {
            LOG.warn("Polling for tasks failed; trying again at the next poll", e);
        }
    }

    /** Claims a candidate; ending it instead (cancelled, worker lost) only if nobody changed it since it was read. */
    private Optional<TaskRecord> claim(TaskRecord r) {
        Instant now = store.now();
        if (r.cancelRequested()) {
            attempt.finishCancelled(r.id(), current -> current.version() == r.version()).ifPresent(this::sweep);
            return Optional.empty();
        }
        if (r.status() == TaskStatus.PROCESSING && r.attempts() >= settings.maxAttempts()) {
            attempt.fail(r.id(), current -> current.version() == r.version(), "worker_lost",
                    "The node running this task stopped too many times; please try again.", true)
                    .ifPresent(this::sweep);
            return Optional.empty();
        }
        if (stopping) {
            return Optional.empty(); // an attempt started now would be abandoned at once, and count against max
        }
        TaskRecord claimed = TaskTransitions.claim(r, settings.nodeId(), now, settings.lease());
        if (!store.update(claimed, r.version(), null)) {
            return Optional.empty();
        }
        attempt.events().changed(claimed);
        return Optional.of(claimed);
    }

    /**
     * Removes, off the poller thread, what the dead attempts of a task that just ended may have left in storage. Only
     * after this node's compare-and-set ended the task: then no attempt of it can complete any more.
     */
    private void sweep(TaskRecord ended) {
        pendingSweeps.put(ended.id(), ended);
        try {
            workers.execute(() -> sweepPending(ended.id()));
        } catch (RejectedExecutionException e) {
            sweepPending(ended.id()); // stopping: here, rather than leave the dead attempts' files for good
        }
    }

    /**
     * Runs a pending sweep. One that fails while the engine stops stays pending, so that {@link #stop()} runs again,
     * on its own thread, a sweep that the workers never got to or that their interruption broke off (a JDBC pool
     * refuses an interrupted thread a connection); any other failure is logged and given up, as before.
     */
    private void sweepPending(String taskId) {
        TaskRecord ended = pendingSweeps.get(taskId);
        if (ended != null && (attempt.sweepEnded(ended) || !stopping)) {
            pendingSweeps.remove(taskId, ended);
        }
    }

    private void start(TaskRecord task) {
        RunningTask handle = new RunningTask(task);
        if (running.putIfAbsent(task.id(), handle) != null) {
            LOG.warn("Task {} is already running on {}; not starting it twice", task.id(), settings.nodeId());
            return;
        }
        try {
            workers.execute(() -> run(task, handle));
        } catch (RejectedExecutionException e) {
            running.remove(task.id(), handle);
        }
    }

    /** A worker's body: nothing escapes it, so the pool thread survives whatever the attempt throws. */
    private void run(TaskRecord task, RunningTask handle) {
        try {
            attempt.execute(task, handle, settings);
        } catch (Throwable e) { // NOPMD: the last line of defence of a pool thread, logged where operators look
            LOG.error("Task {} attempt {} ended with an unexpected error; lease recovery will retry it", task.id(),
                    task.attempts(), e);
        } finally {
            running.remove(task.id(), handle);
            wake();
        }
    }

    private void heartbeat() {
        Instant until;
        try {
            until = store.now().plus(settings.lease());
        } catch (RuntimeException e) {
            LOG.warn("Could not renew leases: the store did not answer", e);
            return;
        }
        for (RunningTask handle : running.values()) {
            try {
                Optional<TaskRecord> renewed = TaskUpdates.apply(store, handle.taskId(), r -> {
                    Optional<TaskRecord> next = TaskTransitions.renew(r, handle.claim(), until);
                    if (next.isPresent() && r.cancelRequested()) {
                        handle.cancel();
                    }
                    return next;
                });
                if (renewed.isEmpty()) {
                    LOG.warn("Lost the lease of task {}; another node owns it now", handle.taskId());
                    handle.abandon();
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the lease of task {}", handle.taskId(), e);
            }
        }
    }

    /**
     * Leases held under this node's id when it starts are a previous run's (a crash) — or a live runtime's that
     * shares the id (a data directory copied to a host of the same name, see {@link NodeIdentity}). Only the live
     * one renews them: so the leases are looked at again after one and a half heartbeats, and those not renewed
     * meanwhile are expired, for the poller to take at once instead of after the lease. A renewed one is left to
     * its runtime, and the shared id is reported.
     */
    private void releaseOrphans() {
        Map<String, Instant> held = new HashMap<>();
        for (TaskRecord t : store.findLeasedBy(settings.nodeId())) {
            held.put(t.id(), t.leaseUntil());
        }
        if (!held.isEmpty()) {
            LOG.info("{} tasks are leased under this node's id {}; those whose lease is not renewed within {} ms"
                    + " were interrupted by a restart and will be resumed", held.size(), settings.nodeId(),
                    orphanCheckDelay().toMillis());
            scheduler.schedule(() -> releaseUnrenewed(held), orphanCheckDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One and a half heartbeat intervals: a live holder has renewed by then. */
    private Duration orphanCheckDelay() {
        return Duration.ofMillis(Math.max(1, settings.lease().toMillis() / 4) * 3 / 2);
    }

    private void releaseUnrenewed(Map<String, Instant> held) {
        try {
            Instant now = store.now();
            List<String> renewed = new ArrayList<>();
            held.forEach((taskId, leaseUntil) -> {
                boolean[] live = {false};
                TaskUpdates.apply(store, taskId, r -> {
                    if (!ours(r) || running.containsKey(r.id())) {
                        return Optional.empty();
                    }
                    live[0] = !leaseUntil.equals(r.leaseUntil());
                    return live[0] ? Optional.empty()
                            : TaskTransitions.release(r, settings.nodeId(), now.minusSeconds(1));
                });
                if (live[0]) {
                    renewed.add(taskId);
                } else {
                    LOG.info("Task {} was interrupted by a restart; it will be resumed", taskId);
                }
            });
            if (!renewed.isEmpty()) {
                LOG.error("Another running node uses this node's id {}: it renewed the leases of tasks {}. Each node"
                        + " needs its own id: stop one of them and delete its data/images/node-id (a data directory"
                        + " copied to a host with the same name keeps the id)", settings.nodeId(), renewed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release the leases of a previous run of {}; they run out on their own",
                    settings.nodeId(), e);
        }
    }

    private boolean ours(TaskRecord r) {
        return r.status() == TaskStatus.PROCESSING && settings.nodeId().equals(r.leaseOwner());
    }

    private static ScheduledExecutorService scheduler(String name) {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, named(name));
        s.setRemoveOnCancelPolicy(true);
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // shutdown() drops what waits, runs nothing new
        return s;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
