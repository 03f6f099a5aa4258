/**
 * Record store SPI: tasks, embeds, users and API keys, web sessions. Implementations must be safe with several runtimes on one database.
 */
@Export
@Version("3.5.0")
package io.karafimages.spi.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
