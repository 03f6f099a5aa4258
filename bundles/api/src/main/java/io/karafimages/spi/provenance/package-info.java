/**
 * Provenance hook SPI: metadata stripping and AI labels, called by the rendition pipeline when present.
 */
@Export
@Version("2.1.0")
package io.karafimages.spi.provenance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
