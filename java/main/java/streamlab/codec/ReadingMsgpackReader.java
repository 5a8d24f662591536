package streamlab.codec;

import java.nio.charset.StandardCharsets;

/**
 * The reading {@link ReadingMsgpackWriter} writes, read back byte by byte, for {@link MsgpackReadingCodec#decode}:
 * an unpacker per record (its buffer, its input and its format look-ups) cost more than the rest of the map
 * task's work on a msgpack record. Recognizes only a 4-element array of an ASCII string (fixstr or str8), two
 * integers that fit a long, and a float64, with nothing after it, and returns null for anything else, which the
 * unpacker then reads. So a record this reader accepts gives the reading msgpack-core would give, and every
 * other record gets msgpack-core's reading or reason.
 */
final class ReadingMsgpackReader {
    private static final long NONE = Long.MIN_VALUE;

    private final byte[] b;
    private int p;

    private ReadingMsgpackReader(byte[] b) {
        this.b = b;
    }

    /** The reading in BYTES, not yet validated; null when BYTES are not in the writer's form. */
    static Reading read(byte[] bytes) {
        return new ReadingMsgpackReader(bytes).reading();
    }

    private Reading reading() {
        if (b.length < 2 || (b[0] & 0xff) != (0x90 | MsgpackReadingCodec.FIELDS)) return null;
        p = 1;
        int h = b[p++] & 0xff;
        int n;
        if ((h & 0xe0) == 0xa0) {
            n = h & 0x1f;
        } else if (h == 0xd9 && p < b.length) {
            n = b[p++] & 0xff;
        } else {
            return null;
        }
        if (b.length - p < n) return null;
        int sensorStart = p;
        for (int end = p + n; p < end; p++) {
            if (b[p] < 0) return null; // not ASCII: the unpacker's UTF-8 decoding decides
        }
        long ts = integer();
        if (ts == NONE) return null;
        long seq = integer();
        if (seq == NONE || b.length - p != 9 || (b[p] & 0xff) != 0xcb) return null;
        double temperature = Double.longBitsToDouble(bigEndian(p + 1, 8));
        return new Reading(new String(b, sensorStart, n, StandardCharsets.US_ASCII), ts, seq, temperature);
    }

    /** A msgpack integer that fits a long (Long.MIN_VALUE itself excepted); {@link #NONE} for anything else. */
    private long integer() {
        if (p >= b.length) return NONE;
        int h = b[p++] & 0xff;
        if (h <= 0x7f) return h;
        if (h >= 0xe0) return (byte) h;
        int size = switch (h) {
            case 0xcc, 0xd0 -> 1;
            case 0xcd, 0xd1 -> 2;
            case 0xce, 0xd2 -> 4;
            case 0xcf, 0xd3 -> 8;
            default -> 0;
        };
        if (size == 0 || b.length - p < size) return NONE;
        long v = bigEndian(p, size);
        p += size;
        if (h >= 0xd0 && size < 8) v = v << (64 - 8 * size) >> (64 - 8 * size); // sign-extend int8..int32
        if (h == 0xcf && v < 0) return NONE; // a uint64 above Long.MAX_VALUE: the unpacker's overflow reason
        return v;
    }

    private long bigEndian(int at, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) v = v << 8 | (b[at + i] & 0xff);
        return v;
    }
}
