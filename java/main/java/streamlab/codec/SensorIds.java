package streamlab.codec;

import java.nio.charset.StandardCharsets;

/**
 * The sensor ids the readers decode, as strings made once per sensor rather than once per record: a stream
 * carries the same few ids in every record (1,000 in the bench), and the packer looks each reading's sensor up in
 * a map, where an id seen before is a string whose hash is already computed and which equals its key by identity.
 * <p>
 * A fixed table of the last id seen per slot, so memory stays the same for a million sensors (each lookup then
 * mostly misses and makes its string, as without the table). Shared by the task threads without locks: a slot
 * holds a string or null, and a string is immutable, so a thread sees a whole one, its own or another's.
 */
final class SensorIds {
    private static final int SLOTS = 1 << 12;
    private static final String[] TABLE = new String[SLOTS];

    private SensorIds() {}

    /** The ASCII text B[START, END) as a string; HASH is its {@link String#hashCode()} (31 h + c over its bytes). */
    static String of(byte[] b, int start, int end, int hash) {
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String s = TABLE[slot];
        if (s != null && same(s, b, start, end)) return s;
        s = new String(b, start, end - start, StandardCharsets.US_ASCII);
        TABLE[slot] = s;
        return s;
    }

    private static boolean same(String s, byte[] b, int start, int end) {
        if (s.length() != end - start) return false;
        for (int i = start; i < end; i++) {
            if (s.charAt(i - start) != b[i]) return false;
        }
        return true;
    }
}
