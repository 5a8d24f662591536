package streamlab.codec;

/**
 * The msgpack of a reading written byte by byte, for {@link MsgpackReadingCodec#encode}: the
 * packer allocated an 8 KB buffer per record, the largest cost of {@code produce --rate max} after
 * Kafka itself (JFR). Writes exactly what msgpack-core writes (smallest int encodings, str8 for
 * ids of 32-255 bytes); returns null for non-ASCII ids, which the packer then handles.
 */
final class ReadingMsgpackWriter {
    private ReadingMsgpackWriter() {}

    static byte[] write(Reading r) {
        String sensor = r.sensor();
        int n = sensor.length();
        if (n > 255) return null;
        for (int i = 0; i < n; i++) {
            if (sensor.charAt(i) >= 0x80) return null;
        }
        byte[] b = new byte[1 + (n < 32 ? 1 : 2) + n + longSize(r.ts()) + longSize(r.seq()) + 9];
        int p = 0;
        b[p++] = (byte) (0x90 | MsgpackReadingCodec.FIELDS);
        if (n < 32) {
            b[p++] = (byte) (0xa0 | n);
        } else {
            b[p++] = (byte) 0xd9;
            b[p++] = (byte) n;
        }
        for (int i = 0; i < n; i++) b[p++] = (byte) sensor.charAt(i);
        p = putLong(b, p, r.ts());
        p = putLong(b, p, r.seq());
        b[p++] = (byte) 0xcb;
        putBigEndian(b, p, Double.doubleToRawLongBits(r.temperature()), 8);
        return b;
    }

    /** Bytes msgpack-core's packLong uses for {@code v}, header included. */
    static int longSize(long v) {
        if (v < -(1L << 5)) {
            if (v < -(1L << 15)) return v < -(1L << 31) ? 9 : 5;
            return v < -(1 << 7) ? 3 : 2;
        }
        if (v < (1 << 7)) return 1;
        if (v < (1L << 16)) return v < (1 << 8) ? 2 : 3;
        return v < (1L << 32) ? 5 : 9;
    }

    private static int putLong(byte[] b, int p, long v) {
        int size = longSize(v);
        if (size == 1) {
            b[p] = (byte) v;
            return p + 1;
        }
        int header;
        if (v < 0) {
            header = size == 2 ? 0xd0 : size == 3 ? 0xd1 : size == 5 ? 0xd2 : 0xd3;
        } else {
            header = size == 2 ? 0xcc : size == 3 ? 0xcd : size == 5 ? 0xce : 0xcf;
        }
        b[p] = (byte) header;
        putBigEndian(b, p + 1, v, size - 1);
        return p + size;
    }

    private static void putBigEndian(byte[] b, int p, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
    }
}
