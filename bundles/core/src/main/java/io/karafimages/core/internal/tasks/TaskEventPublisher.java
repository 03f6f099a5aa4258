package io.karafimages.core.internal.tasks;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.karafimages.api.TaskEvents;
import io.karafimages.api.TaskStatus;
import io.karafimages.core.internal.store.TaskRecord;

/**
 * Posts {@link TaskEvents} to EventAdmin, asynchronously. Callers post only what the store has committed, so a
 * listener never hears of a state that a rollback took back. Without EventAdmin the events are dropped.
 */
@Component(service = TaskEventPublisher.class)
public final class TaskEventPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(TaskEventPublisher.class);

    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    public void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    /** A committed change of state: the topic follows the new status. */
    void changed(TaskRecord task) {
        post(switch (task.status()) {
            case QUEUED -> TaskEvents.QUEUED;
            case PROCESSING -> TaskEvents.STARTED;
            case COMPLETED -> TaskEvents.COMPLETED;
            case FAILED -> TaskEvents.FAILED;
            case CANCELLED -> TaskEvents.CANCELLED;
        }, task);
    }

    /** A committed progress update of a running task. */
    void progressed(TaskRecord task) {
        if (task.status() == TaskStatus.PROCESSING) {
            post(TaskEvents.PROGRESS, task);
        }
    }

    private void post(String topic, TaskRecord task) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(TaskEvents.TASK_ID, task.id());
        p.put(TaskEvents.EMBED_ID, task.embedId());
        p.put(TaskEvents.OWNER_ID, task.ownerId());
        p.put(TaskEvents.SKILL, task.skill());
        p.put(TaskEvents.STATUS, task.status().wireName());
        p.put(TaskEvents.PROGRESS_FRACTION, task.progress());
        if (task.errorCode() != null) {
            p.put(TaskEvents.ERROR_CODE, task.errorCode());
        }
        try {
            admin.postEvent(new Event(topic, p));
        } catch (RuntimeException e) {
            // the change is committed whatever a listener's EventAdmin does: never undo work for an event
            LOG.warn("Could not post {} for task {}", topic, task.id(), e);
        }
    }
}
