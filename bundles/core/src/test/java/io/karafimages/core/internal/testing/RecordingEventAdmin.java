package io.karafimages.core.internal.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.karafimages.api.TaskEvents;

/**
 * An EventAdmin that records what is posted. A check runs at the moment of posting (on the poster's thread), so a
 * test can compare the event with what the store holds right then; its complaints are collected, not thrown, so a
 * failing check cannot change what the engine does.
 */
public final class RecordingEventAdmin implements EventAdmin {
    public final List<Event> posted = new CopyOnWriteArrayList<>();
    public final List<String> problems = new CopyOnWriteArrayList<>();
    private final Function<Event, String> check;

    /** @param check returns a complaint, or null when the event is as expected */
    public RecordingEventAdmin(Function<Event, String> check) {
        this.check = check;
    }

    public RecordingEventAdmin() {
        this(e -> null);
    }

    @Override
    public void postEvent(Event event) {
        String problem = check.apply(event);
        if (problem != null) {
            problems.add(event.getTopic() + ": " + problem);
        }
        posted.add(event);
    }

    @Override
    public void sendEvent(Event event) {
        problems.add("sendEvent blocks the caller; task events must be posted: " + event.getTopic());
        posted.add(event);
    }

    /** The events of one task, in the order they were posted. */
    public List<Event> of(String taskId) {
        return posted.stream().filter(e -> taskId.equals(e.getProperty(TaskEvents.TASK_ID))).toList();
    }

    /** The topics of one task's events without the common prefix, e.g. {@code [QUEUED, STARTED]}. */
    public List<String> topics(String taskId) {
        return of(taskId).stream().map(e -> e.getTopic().substring(TaskEvents.TOPIC_PREFIX.length())).toList();
    }
}
