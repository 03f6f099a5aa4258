package io.karafimages.provider.serpapi.internal;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import io.karafimages.imaging.ImageException;
import io.karafimages.imaging.JpegSegments;

/**
 * Drops a JPEG's metadata segments without touching its pixels: APP1 to APP13 and APP15 (EXIF with GPS, XMP, ICC,
 * IPTC, C2PA's JUMBF in APP11 with the prompt) and COM comments, wherever they are (between scans too), and
 * anything after the end-of-image marker (phone trailers, embedded videos). APP0 (JFIF) and APP14 (Adobe's colour
 * transform flag) stay: they say how to decode the pixels and carry nothing about the picture. The stream is read
 * by the imaging module's {@link JpegSegments#walk}. The runtime already hands over a metadata-free JPEG; this is
 * the provider's own guarantee that nothing else leaves for a third party. Stateless.
 */
final class JpegMetadata {
    private JpegMetadata() {
    }

    /** The JPEG without metadata; empty when the bytes are not a complete, well-formed JPEG stream. */
    static Optional<byte[]> strip(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(0xff); // SOI
        out.write(0xd8);
        try {
            JpegSegments.walk(jpeg, piece -> {
                if (!metadata(piece.marker())) {
                    JpegSegments.copy(jpeg, piece, out);
                }
            });
        } catch (ImageException e) {
            return Optional.empty(); // not a JPEG, damaged, or cut short before its end-of-image marker
        }
        return Optional.of(out.toByteArray());
    }

    /** APP1..APP13, APP15 and COM. */
    private static boolean metadata(int marker) {
        return (marker >= 0xe1 && marker <= 0xed) || marker == 0xef || marker == 0xfe;
    }
}
