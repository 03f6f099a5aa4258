/**
 * Image-provider SPI: register an {@link io.karafimages.spi.provider.ImageProvider} service with {@link io.karafimages.spi.provider.ProviderId}.
 */
@Export
@Version("2.3.0")
package io.karafimages.spi.provider;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
