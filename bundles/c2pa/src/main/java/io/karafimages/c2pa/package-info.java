/**
 * C2PA manifest writer: signs PNG, WebP, JPEG and SVG assets with an embedded C2PA manifest store
 * (claim v2, {@code c2pa.actions.v2}, {@code c2pa.training-mining}, custom CBOR assertions,
 * {@code c2pa.ingredient.v3} and the {@code c2pa.hash.data} hard binding, signed with COSE_Sign1).
 *
 * <p>Start with {@link io.karafimages.c2pa.C2paWriter#builder(C2paSigner)} and a
 * {@link io.karafimages.c2pa.ManifestDefinition}. The library has no dependency besides the JDK and
 * {@code io.karafimages.imaging} (container chunk I/O);
 * all types here are immutable and thread-safe unless their documentation says otherwise, and no
 * method accepts or returns {@code null} unless documented.
 */
@Export
@Version("1.1.0")
package io.karafimages.c2pa;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
