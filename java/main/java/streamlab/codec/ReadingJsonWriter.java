package streamlab.codec;

import java.nio.charset.StandardCharsets;

/**
 * The JSON of a reading written byte by byte, for {@link JsonReadingCodec#encode}: in
 * {@code produce --rate max} Jackson's generator set-up, string escaping and Double.toString
 * took a third of the sending thread (JFR). Writes exactly what Jackson writes; returns null
 * for sensor ids that need escaping, which Jackson then handles.
 */
final class ReadingJsonWriter {
    private static final byte[] SENSOR = "{\"sensor\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TS = "\",\"ts\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEMPERATURE = ",\"temperature\":".getBytes(StandardCharsets.US_ASCII);
    private static final int FIXED = SENSOR.length + TS.length + SEQ.length + TEMPERATURE.length + 1;

    private ReadingJsonWriter() {}

    static byte[] write(Reading r) {
        String sensor = r.sensor();
        int n = sensor.length();
        for (int i = 0; i < n; i++) {
            char c = sensor.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return null;
        }
        long cents = hundredths(r.temperature());
        byte[] other = cents == Long.MIN_VALUE ? Double.toString(r.temperature()).getBytes(StandardCharsets.US_ASCII) : null;
        int tempLen = other != null ? other.length : hundredthsLength(cents);
        byte[] b = new byte[FIXED + n + digits(r.ts()) + digits(r.seq()) + tempLen];
        int p = put(b, 0, SENSOR);
        for (int i = 0; i < n; i++) b[p++] = (byte) sensor.charAt(i);
        p = put(b, p, TS);
        p = putLong(b, p, r.ts());
        p = put(b, p, SEQ);
        p = putLong(b, p, r.seq());
        p = put(b, p, TEMPERATURE);
        p = other != null ? put(b, p, other) : putHundredths(b, p, cents);
        b[p] = '}';
        return b;
    }

    /**
     * The value in hundredths when it is exactly a two-decimal number that Double.toString
     * writes without exponent (0.01 <= |v| < 1e7); Long.MIN_VALUE otherwise.
     */
    static long hundredths(double v) {
        double a = Math.abs(v);
        if (!(a >= 0.01 && a < 1e7)) return Long.MIN_VALUE;
        long c = Math.round(v * 100);
        return c / 100.0 == v ? c : Long.MIN_VALUE;
    }

    /** Length of Double.toString for a two-decimal value: "21.0", "21.5", "21.37", "-0.05". */
    private static int hundredthsLength(long c) {
        long a = Math.abs(c);
        int frac = (int) (a % 100);
        return (c < 0 ? 1 : 0) + digits(a / 100) + 1 + (frac % 10 == 0 ? 1 : 2);
    }

    private static int putHundredths(byte[] b, int p, long c) {
        if (c < 0) b[p++] = '-';
        long a = Math.abs(c);
        p = putLong(b, p, a / 100);
        b[p++] = '.';
        int frac = (int) (a % 100);
        b[p++] = (byte) ('0' + frac / 10);
        if (frac % 10 != 0) b[p++] = (byte) ('0' + frac % 10);
        return p;
    }

    static int digits(long v) {
        if (v == Long.MIN_VALUE) return 20;
        if (v < 0) return 1 + digits(-v);
        int d = 1;
        for (long x = v; x >= 10; x /= 10) d++;
        return d;
    }

    private static int putLong(byte[] b, int p, long v) {
        if (v == Long.MIN_VALUE) return put(b, p, Long.toString(v).getBytes(StandardCharsets.US_ASCII));
        if (v < 0) {
            b[p++] = '-';
            v = -v;
        }
        int end = p + digits(v);
        int i = end;
        do {
            b[--i] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return end;
    }

    private static int put(byte[] b, int p, byte[] s) {
        System.arraycopy(s, 0, b, p, s.length);
        return p + s.length;
    }
}
