/**
 * Reverse image search SPI: register an {@link io.karafimages.spi.search.ImageSearchProvider} service (a higher
 * {@code service.ranking} wins). With none installed the {@code reverse_search} skill searches the caller's own
 * images offline.
 */
@Export
@Version("1.0.0")
package io.karafimages.spi.search;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
