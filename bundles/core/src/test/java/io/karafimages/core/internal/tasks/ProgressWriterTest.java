package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.karafimages.api.ImagesException;
import io.karafimages.core.internal.store.TaskRecord;
import io.karafimages.core.internal.store.TaskRepository;

/** Security review L2: progress is best effort; a store that cannot take it must not abort the generation. */
class ProgressWriterTest {

    @Test
    void aStoreOutageWhileWritingProgressIsNotTheTasksFailure() {
        AtomicInteger tries = new AtomicInteger();
        TaskRepository down = (TaskRepository) Proxy.newProxyInstance(TaskRepository.class.getClassLoader(),
                new Class<?>[] { TaskRepository.class }, (p, m, a) -> {
                    tries.incrementAndGet();
                    throw ImagesException.unavailable("store_unavailable", "The database cannot be reached right now.",
                            Duration.ofSeconds(5), null);
                });
        TaskRecord task = TaskRecord.builder().id("t1").ownerId("u1").skill("generate").embedId("e1")
                .status(io.karafimages.api.TaskStatus.PROCESSING).leaseOwner("n1").attempts(1)
                .input(new byte[0]).createdAt(Instant.now()).updatedAt(Instant.now()).startedAt(Instant.now()).build();
        ProgressWriter writer = new ProgressWriter(down, new TaskEventPublisher(), task, Duration.ofSeconds(30));
        writer.write(0.2, "drawing"); // must not throw
        writer.write(0.5, "drawing");
        assertEquals(2, tries.get(), "each write was tried");
    }
}
