/**
 * Key service SPI: makes and wraps per-image-set data keys under a user's key-encryption key.
 */
@Export
@Version("1.2.0")
package io.karafimages.spi.keys;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
