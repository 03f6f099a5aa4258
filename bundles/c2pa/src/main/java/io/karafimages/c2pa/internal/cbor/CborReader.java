package io.karafimages.c2pa.internal.cbor;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.karafimages.c2pa.C2paException;

/**
 * Decodes CBOR (RFC 8949) into plain Java values: Long (BigInteger beyond the long range),
 * Double, String, byte[], {@code List<Object>}, {@code LinkedHashMap<Object,Object>}, Boolean,
 * {@code null} (also for undefined) and {@link CborTag}. Indefinite lengths are accepted.
 *
 * <p>Input is untrusted (it comes from files): every length is checked against the remaining
 * bytes and nesting is limited, so a hostile store fails with {@link C2paException} instead of
 * exhausting memory or the stack. Not thread-safe; use the static methods.
 */
public final class CborReader {

    private static final int MAX_DEPTH = 64;
    private static final Object BREAK = new Object();

    private final byte[] data;
    private final int end;
    private int pos;

    private CborReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("bad range " + offset + "+" + length);
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    /**
     * @param data exactly one CBOR data item
     * @return the decoded value
     * @throws C2paException when the bytes are not one well-formed item
     */
    public static Object decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /**
     * @param data   buffer
     * @param offset start of the item
     * @param length length of the item; trailing bytes are an error
     * @return the decoded value
     * @throws C2paException when the bytes are not one well-formed item
     */
    public static Object decode(byte[] data, int offset, int length) {
        CborReader r = new CborReader(data, offset, length);
        Object value = r.read(0);
        if (value == BREAK) {
            throw malformed("unexpected break");
        }
        if (r.pos != r.end) {
            throw malformed((r.end - r.pos) + " bytes after the CBOR item");
        }
        return value;
    }

    private Object read(int depth) {
        if (depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH);
        }
        int initial = nextByte();
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (initial == 0xff) {
            return BREAK;
        }
        switch (major) {
            case 0:
                return unsigned(argument(info));
            case 1:
                return negative(argument(info));
            case 2:
                return info == 31 ? indefiniteString(2) : bytes(argument(info));
            case 3:
                return utf8(info == 31 ? indefiniteString(3) : bytes(argument(info)));
            case 4:
                return array(info, depth);
            case 5:
                return map(info, depth);
            case 6:
                return new CborTag(argument(info), requireItem(read(depth + 1)));
            default:
                return simple(info);
        }
    }

    private List<Object> array(int info, int depth) {
        List<Object> list = new ArrayList<>();
        if (info == 31) {
            for (Object item = read(depth + 1); item != BREAK; item = read(depth + 1)) {
                list.add(item);
            }
            return list;
        }
        long count = count(argument(info), 1);
        for (long i = 0; i < count; i++) {
            list.add(requireItem(read(depth + 1)));
        }
        return list;
    }

    private Map<Object, Object> map(int info, int depth) {
        Map<Object, Object> map = new LinkedHashMap<>();
        if (info == 31) {
            for (Object key = read(depth + 1); key != BREAK; key = read(depth + 1)) {
                map.put(key, requireItem(read(depth + 1)));
            }
            return map;
        }
        long count = count(argument(info), 2);
        for (long i = 0; i < count; i++) {
            Object key = requireItem(read(depth + 1));
            map.put(key, requireItem(read(depth + 1)));
        }
        return map;
    }

    private Object simple(int info) {
        switch (info) {
            case 20:
                return Boolean.FALSE;
            case 21:
                return Boolean.TRUE;
            case 22:
            case 23:
                return null;
            case 25:
                return halfToDouble((int) readUnsigned(2));
            case 26:
                return (double) Float.intBitsToFloat((int) readUnsigned(4));
            case 27:
                return Double.longBitsToDouble(readUnsigned(8));
            default:
                throw malformed("unsupported simple value " + info);
        }
    }

    private byte[] indefiniteString(int major) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int initial = nextByte();
            if (initial == 0xff) {
                return out.toByteArray();
            }
            if (initial >>> 5 != major || (initial & 0x1f) == 31) {
                throw malformed("bad chunk in indefinite-length string");
            }
            out.writeBytes(bytes(argument(initial & 0x1f)));
        }
    }

    private byte[] bytes(long length) {
        if (length < 0 || length > end - pos) {
            throw malformed("string length " + Long.toUnsignedString(length) + " exceeds the data");
        }
        byte[] result = new byte[(int) length];
        System.arraycopy(data, pos, result, 0, result.length);
        pos += result.length;
        return result;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("text string is not UTF-8");
        }
    }

    private long count(long n, int minBytesPerItem) {
        if (n < 0 || n > (long) (end - pos) / minBytesPerItem) {
            throw malformed("item count " + Long.toUnsignedString(n) + " exceeds the data");
        }
        return n;
    }

    private long argument(int info) {
        if (info < 24) {
            return info;
        }
        switch (info) {
            case 24:
                return readUnsigned(1);
            case 25:
                return readUnsigned(2);
            case 26:
                return readUnsigned(4);
            case 27:
                return readUnsigned(8);
            default:
                throw malformed("reserved or indefinite argument " + info);
        }
    }

    private long readUnsigned(int n) {
        if (n > end - pos) {
            throw malformed("truncated CBOR");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (data[pos++] & 0xff);
        }
        return v;
    }

    private int nextByte() {
        if (pos >= end) {
            throw malformed("truncated CBOR");
        }
        return data[pos++] & 0xff;
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }

    private static Object negative(long n) {
        return n >= 0 ? (Object) (-1 - n) : new BigInteger(Long.toUnsignedString(n)).negate().subtract(BigInteger.ONE);
    }

    private static double halfToDouble(int half) {
        int exp = (half >>> 10) & 0x1f;
        int mant = half & 0x3ff;
        double value;
        if (exp == 0) {
            value = mant * Math.pow(2, -24);
        } else if (exp == 31) {
            value = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            value = (1 + mant / 1024.0) * Math.pow(2, exp - 15);
        }
        return (half & 0x8000) != 0 ? -value : value;
    }

    private static Object requireItem(Object item) {
        if (item == BREAK) {
            throw malformed("unexpected break");
        }
        return item;
    }

    private static C2paException malformed(String message) {
        return new C2paException(C2paException.Reason.MALFORMED_MANIFEST_STORE, "malformed CBOR: " + message);
    }
}
