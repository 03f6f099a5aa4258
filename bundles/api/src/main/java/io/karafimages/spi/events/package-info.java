/**
 * The feed of live task events that the runtime writes with every committed change of a task (its outbox), read by
 * whoever delivers them to clients (the events bundle's WebSocket). The runtime provides the {@link EventFeed}
 * service; nobody else implements it. Persistence itself is internal to the core bundle.
 */
@Export
@Version("1.0.0")
package io.karafimages.spi.events;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
