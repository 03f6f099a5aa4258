/**
 * The one place that reads image bytes. {@link io.karafimages.imaging.ImageFormat#sniff} recognises PNG, JPEG and
 * WebP from their signatures; {@link io.karafimages.imaging.ImageHeader#read} gives width, height and EXIF
 * orientation from the header alone; {@link io.karafimages.imaging.PngChunks},
 * {@link io.karafimages.imaging.JpegSegments} and {@link io.karafimages.imaging.RiffChunks} read and write the
 * containers without touching the compressed pixels ({@code JpegSegments.walk}, since 1.1: a JPEG's whole
 * stream); {@link io.karafimages.imaging.ImageDecoder} decodes, refusing an image over its pixel limit from the
 * header before a single pixel is allocated.
 *
 * <p>Errors are {@link io.karafimages.imaging.ImageException}s with a product error code ({@code image_too_large},
 * {@code unsupported_image}). No class here writes a temp file: ImageIO's disk cache is turned off and every stream
 * is a memory-cached one. All classes are stateless or immutable, and thread-safe.
 */
@Export
@Version("1.1.0")
package io.karafimages.imaging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
