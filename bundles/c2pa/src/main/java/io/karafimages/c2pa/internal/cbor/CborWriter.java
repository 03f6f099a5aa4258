package io.karafimages.c2pa.internal.cbor;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;

/**
 * Encodes Java values as CBOR (RFC 8949) with definite lengths and the shortest integer heads
 * (preferred serialization). Map order is the iteration order of the map: callers that need a
 * stable layout pass a {@link java.util.LinkedHashMap}.
 *
 * <p>Supported: {@code null}, Boolean, Byte/Short/Integer/Long, BigInteger up to 64 bits,
 * Float/Double (as 64-bit floats), CharSequence, byte[], Map, Collection, {@link CborTag}, and
 * {@link Instant} (tag 0, RFC 3339 text). Not thread-safe; use {@link #encode(Object)}.
 */
public final class CborWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    private CborWriter() {
    }

    /**
     * @param value the value to encode
     * @return its CBOR encoding
     * @throws IllegalArgumentException for a value of an unsupported type
     */
    public static byte[] encode(Object value) {
        CborWriter w = new CborWriter();
        w.write(value);
        return w.out.toByteArray();
    }

    private void write(Object v) {
        if (v == null) {
            out.write(0xf6);
        } else if (v instanceof Boolean b) {
            out.write(b ? 0xf5 : 0xf4);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            writeInteger(((Number) v).longValue());
        } else if (v instanceof BigInteger big) {
            writeBigInteger(big);
        } else if (v instanceof Float || v instanceof Double) {
            out.write(0xfb);
            writeLong(Double.doubleToLongBits(((Number) v).doubleValue()));
        } else if (v instanceof CharSequence text) {
            writeText(text.toString());
        } else if (v instanceof byte[] bytes) {
            head(2, bytes.length);
            out.writeBytes(bytes);
        } else if (v instanceof Map<?, ?> map) {
            head(5, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(e.getKey());
                write(e.getValue());
            }
        } else if (v instanceof Collection<?> items) {
            head(4, items.size());
            for (Object item : items) {
                write(item);
            }
        } else if (v instanceof CborTag tag) {
            head(6, tag.tag());
            write(tag.value());
        } else if (v instanceof Instant instant) {
            head(6, 0);
            writeText(DateTimeFormatter.ISO_INSTANT.format(instant));
        } else {
            throw new IllegalArgumentException("not CBOR-encodable: " + v.getClass().getName());
        }
    }

    private void writeInteger(long value) {
        if (value >= 0) {
            head(0, value);
        } else {
            head(1, -1 - value);
        }
    }

    private void writeBigInteger(BigInteger big) {
        if (big.signum() >= 0) {
            if (big.bitLength() > 64) {
                throw new IllegalArgumentException("integer beyond 64 bits: " + big);
            }
            head(0, big.longValue());
        } else {
            BigInteger magnitude = big.negate().subtract(BigInteger.ONE);
            if (magnitude.bitLength() > 64) {
                throw new IllegalArgumentException("integer beyond 64 bits: " + big);
            }
            head(1, magnitude.longValue());
        }
    }

    private void writeText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        head(3, utf8.length);
        out.writeBytes(utf8);
    }

    /** Writes a head with the argument as an unsigned 64-bit value, in the shortest form. */
    private void head(int major, long value) {
        int mt = major << 5;
        if (value >= 0 && value < 24) {
            out.write(mt | (int) value);
        } else if (value >= 0 && value <= 0xff) {
            out.write(mt | 24);
            out.write((int) value);
        } else if (value >= 0 && value <= 0xffff) {
            out.write(mt | 25);
            out.write((int) (value >>> 8));
            out.write((int) value);
        } else if (value >= 0 && value <= 0xffffffffL) {
            out.write(mt | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift));
            }
        } else {
            out.write(mt | 27);
            writeLong(value);
        }
    }

    private void writeLong(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
    }
}
