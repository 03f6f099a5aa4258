package io.karafimages.api;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Live {@code embed_update} events of a user, from whichever node ran the task: what {@code GET /v1/events}
 * (Server-Sent Events) and the web app's socket stream. Each event has the id of its stored outbox row, so a
 * client can resume after the last id it saw.
 *
 * @since 1.5
 */
@ProviderType
public interface LiveEvents {

    /** Receives a user's events. Called from the event dispatcher: never block, queue and send asynchronously. */
    @ConsumerType
    interface Listener {
        /**
         * @param id the event id (outbox id)
         * @param json the {@code embed_update} message as API.md defines it, content included when finished
         */
        void onEvent(long id, String json);
    }

    /** An open subscription; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Subscribes to a user's events. With {@code lastEventId >= 0} the stored events after it are delivered first
     * (resume), then live ones, each once, by id; with a negative value only events committed from now on.
     */
    Subscription subscribe(String userId, long lastEventId, Listener listener);
}
