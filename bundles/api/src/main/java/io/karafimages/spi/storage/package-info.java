/**
 * Blob storage SPI: stores ciphertext only; the core encrypts before it calls a store.
 */
@Export
@Version("1.1.0")
package io.karafimages.spi.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
