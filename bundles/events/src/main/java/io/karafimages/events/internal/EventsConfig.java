package io.karafimages.events.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code images.events}: live events (SSE, WebSocket) and their outbox. */
@ObjectClassDefinition(name = "Karaf Images: live events",
        description = "The embed_update stream: outbox fan-out, retention, and the web app's WebSocket.")
public @interface EventsConfig {
    @AttributeDefinition(name = "Public origins", required = false, description = "Origins (scheme://host[:port]) "
            + "whose pages may open the WebSocket, comma-separated. Empty: http://localhost:<port> and "
            + "http://127.0.0.1:<port> of the port the handshake arrived on. Any other Origin is refused (403).")
    String public_origins() default "";

    @AttributeDefinition(name = "Queue capacity", description = "Messages one socket may have waiting; beyond "
            + "that its queue is dropped and it is sent {\"type\":\"resync\"}.")
    int queue_capacity() default 256;

    @AttributeDefinition(name = "Heartbeat seconds", description = "WebSocket ping and SSE comment interval; keep it "
            + "below Jetty's idle timeout (org.ops4j.pax.web: org.ops4j.pax.web.server.connector.idleTimeout, 30 s).")
    int heartbeat_seconds() default 15;

    @AttributeDefinition(name = "Poll seconds", description = "Fallback read of the outbox when no doorbell rang "
            + "(the doorbell: a local commit, or PostgreSQL NOTIFY from another node).")
    int poll_seconds() default 5;

    @AttributeDefinition(name = "Gap seconds", description = "How long a missing outbox id (a transaction that "
            + "took its id but had not committed yet) is waited for before it is taken as rolled back.")
    int gap_seconds() default 10;

    @AttributeDefinition(name = "Settled retention minutes", description = "Acknowledged finished updates and "
            + "progress updates are deleted after this long.")
    int settled_retention_minutes() default 60;

    @AttributeDefinition(name = "Retention days", description = "Every event, acknowledged or not, is deleted "
            + "after this long; a web app reconnecting later reloads its gallery instead.")
    int retention_days() default 7;
}
