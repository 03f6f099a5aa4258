package io.karafimages.core.internal.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

import io.karafimages.api.ImagesException;
import io.karafimages.api.Task;
import io.karafimages.api.TaskEvents;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.testing.Await;
import io.karafimages.core.internal.testing.Harness;
import io.karafimages.core.internal.testing.RecordingEventAdmin;
import io.karafimages.core.internal.testing.ScriptedProvider;
import io.karafimages.core.internal.store.TaskRecord;

/**
 * EventAdmin topics of task state changes: one posted event per committed change, carrying ids and status but
 * never the prompt. Each event is compared with the store at the moment it is posted.
 */
class TaskEventsTest {
    private static final String PROMPT = "a secret prompt about foxes";
    private Harness harness;
    private ScriptedProvider provider;
    private RecordingEventAdmin events;

    @BeforeEach
    void setUp() throws Exception {
        provider = new ScriptedProvider();
        harness = new Harness().provider(provider);
        events = new RecordingEventAdmin(this::committed);
        harness.events.setEventAdmin(events);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** What the store says when the event is posted; null when it agrees with the event. */
    private String committed(Event e) {
        Optional<TaskRecord> stored = harness.store.findTask((String) e.getProperty(TaskEvents.TASK_ID));
        if (stored.isEmpty()) {
            return "posted before the task was committed";
        }
        TaskRecord r = stored.get();
        String status = (String) e.getProperty(TaskEvents.STATUS);
        return switch (e.getTopic()) {
            // the engine may claim a fresh task before submit() posts QUEUED: it must exist, no more
            case TaskEvents.QUEUED -> r.embedId().equals(e.getProperty(TaskEvents.EMBED_ID)) ? null : "other embed";
            case TaskEvents.PROGRESS -> r.status() == TaskStatus.PROCESSING
                    && r.progress() == (Double) e.getProperty(TaskEvents.PROGRESS_FRACTION) ? null
                            : "store has " + r.status() + " at " + r.progress();
            default -> r.status().wireName().equals(status) ? null : "store has " + r.status() + ", event " + status;
        };
    }

    private Task submit(DefaultTaskService tasks) {
        return tasks.submit("u1", "generate", Map.of("prompt", PROMPT), Optional.empty());
    }

    private List<String> awaitTopics(Task t, String last) {
        return Await.until(() -> events.topics(t.taskId()), l -> !l.isEmpty() && l.get(l.size() - 1).equals(last),
                "the " + last + " event of " + t.taskId());
    }

    /** The topics without the one QUEUED that submit() posts (it may race with the engine's STARTED). */
    private static List<String> afterSubmit(List<String> topics) {
        List<String> rest = new ArrayList<>(topics);
        assertTrue(rest.remove("QUEUED"), "submit posts QUEUED: " + topics);
        return rest;
    }

    @Test
    void aSuccessfulTaskIsQueuedStartedProgressesAndCompletes() {
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = submit(tasks);
        List<String> rest = afterSubmit(awaitTopics(t, "COMPLETED"));
        assertEquals("STARTED", rest.get(0), rest.toString());
        assertEquals("COMPLETED", rest.get(rest.size() - 1));
        assertTrue(rest.size() >= 3, "at least one PROGRESS: " + rest);
        assertTrue(rest.subList(1, rest.size() - 1).stream().allMatch("PROGRESS"::equals), rest.toString());
        assertEquals(List.of(), events.problems);

        List<Event> all = events.of(t.taskId());
        for (Event e : all) {
            assertEquals(Set.of(TaskEvents.TASK_ID, TaskEvents.EMBED_ID, TaskEvents.OWNER_ID, TaskEvents.SKILL,
                    TaskEvents.STATUS, TaskEvents.PROGRESS_FRACTION, "event.topics"), Set.of(e.getPropertyNames()));
            assertEquals(t.embedId(), e.getProperty(TaskEvents.EMBED_ID));
            assertEquals("u1", e.getProperty(TaskEvents.OWNER_ID));
            assertEquals("generate", e.getProperty(TaskEvents.SKILL));
            assertTrue(e.getProperty(TaskEvents.PROGRESS_FRACTION) instanceof Double);
            for (String name : e.getPropertyNames()) {
                assertFalse(String.valueOf(e.getProperty(name)).contains("fox"), "no prompt in " + name);
            }
        }
        Event completed = all.get(all.size() - 1);
        assertEquals("completed", completed.getProperty(TaskEvents.STATUS));
        assertEquals(1.0, completed.getProperty(TaskEvents.PROGRESS_FRACTION));
        double previous = -1;
        for (Event e : all.stream().filter(e -> e.getTopic().equals(TaskEvents.PROGRESS)).toList()) {
            double p = (Double) e.getProperty(TaskEvents.PROGRESS_FRACTION);
            assertTrue(p > previous && p < 1, "progress grows below 1: " + p);
            previous = p;
        }
    }

    @Test
    void aRetryIsQueuedAgainAndAFinalFailureCarriesItsCode() {
        provider.failures.add(ScriptedProvider.transientFailure());
        provider.failures.add(new ImagesException("provider_refused", 422, false, "refused"));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = submit(tasks);
        List<String> rest = afterSubmit(awaitTopics(t, "FAILED"));
        List<String> states = rest.stream().filter(s -> !s.equals("PROGRESS")).toList();
        assertEquals(List.of("STARTED", "QUEUED", "STARTED", "FAILED"), states);
        assertEquals(List.of(), events.problems);
        List<Event> all = events.of(t.taskId());
        Event failed = all.get(all.size() - 1);
        assertEquals("failed", failed.getProperty(TaskEvents.STATUS));
        assertEquals("provider_refused", failed.getProperty(TaskEvents.ERROR_CODE));
        assertEquals(1, all.stream().filter(e -> e.getProperty(TaskEvents.ERROR_CODE) != null).count(),
                "the error code is on FAILED only");
    }

    @Test
    void cancellingARunningTaskPostsCancelled() throws InterruptedException {
        provider.gate = new CountDownLatch(1);
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = submit(tasks);
        assertTrue(provider.started.await(10, TimeUnit.SECONDS));
        tasks.cancel("u1", t.taskId());
        List<String> rest = afterSubmit(awaitTopics(t, "CANCELLED"));
        assertEquals(List.of("STARTED", "CANCELLED"), rest.stream().filter(s -> !s.equals("PROGRESS")).toList());
        assertEquals(List.of(), events.problems);
    }

    @Test
    void cancellingAQueuedTaskPostsQueuedThenCancelled() {
        DefaultTaskService tasks = harness.tasks(harness.node("stopped", 3, Duration.ofSeconds(30)));
        harness.close(); // no engine runs: the task stays queued
        Task t = submit(tasks);
        assertEquals(List.of("QUEUED"), events.topics(t.taskId()));
        tasks.cancel("u1", t.taskId());
        assertEquals(List.of("QUEUED", "CANCELLED"), events.topics(t.taskId()));
        assertEquals("cancelled", events.of(t.taskId()).get(1).getProperty(TaskEvents.STATUS));
        tasks.cancel("u1", t.taskId());
        assertEquals(2, events.of(t.taskId()).size(), "a second cancel changes nothing and posts nothing");
        assertEquals(List.of(), events.problems);
    }

    @Test
    void withoutEventAdminNothingIsPostedAndNothingBreaks() {
        RecordingEventAdmin other = new RecordingEventAdmin();
        harness.events.unsetEventAdmin(other);
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task first = submit(tasks);
        awaitTopics(first, "COMPLETED"); // unsetting another admin left ours in place

        harness.events.unsetEventAdmin(events);
        int before = events.posted.size();
        Task second = submit(tasks);
        Task done = Await.until(() -> tasks.find("u1", second.taskId()).orElseThrow(), s -> s.status().isTerminal(),
                "the second task");
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertEquals(before, events.posted.size());
        assertTrue(other.posted.isEmpty());
    }

    /** An EventAdmin that throws for some topics, as one may while it stops or its service goes away. */
    private static org.osgi.service.event.EventAdmin throwingFor(Set<String> topics, CountDownLatch thrown) {
        return new org.osgi.service.event.EventAdmin() {
            @Override
            public void postEvent(Event event) {
                if (topics.contains(event.getTopic())) {
                    thrown.countDown();
                    throw new IllegalStateException("EventAdmin is stopping");
                }
            }

            @Override
            public void sendEvent(Event event) {
                postEvent(event);
            }
        };
    }

    @Test
    void aThrowingEventAdminDoesNotFailASubmitThatWasCommitted() {
        harness.events.setEventAdmin(throwingFor(Set.of(TaskEvents.QUEUED), new CountDownLatch(1)));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        int before = harness.store.recent(100).size();
        try {
            submit(tasks);
        } catch (IllegalStateException e) {
            assertEquals(before, harness.store.recent(100).size(), "the client got an error for a task that was "
                    + "queued anyway: a retry makes a second one");
        }
    }

    @Test
    void aThrowingEventAdminDoesNotDeleteTheFilesOfACompletedTask() throws Exception {
        CountDownLatch thrown = new CountDownLatch(1);
        harness.events.setEventAdmin(throwingFor(Set.of(TaskEvents.COMPLETED), thrown));
        DefaultTaskService tasks = harness.tasks(harness.node("n1", 3, Duration.ofSeconds(30)));
        Task t = submit(tasks);
        Task done = Await.until(() -> tasks.find("u1", t.taskId()).orElseThrow(), s -> s.status().isTerminal(),
                "the task");
        assertEquals(TaskStatus.COMPLETED, done.status());
        assertTrue(thrown.await(10, TimeUnit.SECONDS));
        harness.close(); // waits for the worker to finish whatever it does after the failed post
        assertEquals(TaskStatus.COMPLETED, harness.store.findTask(t.taskId()).orElseThrow().status());
        try (var in = harness.embeds.file("u1", done.embedId(), io.karafimages.api.RenditionFormat.ORIGINAL)
                .open()) {
            assertTrue(in.readAllBytes().length > 0, "the completed task's files are still there");
        }
    }
}
