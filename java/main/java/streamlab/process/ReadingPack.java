package streamlab.process;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The readings of one sensor from one input partition of a micro-batch, packed into one binary value so
 * that they cross the shuffle as one row: a map-side combine, which is what makes the per-sensor state
 * affordable (the shuffle, sort and row conversion cost per row, not per byte). Per reading: ts, seq,
 * temperature, and only when the job writes late readings out, the source partition and offset and the
 * original key and value.
 */
final class ReadingPack {
    private static final int FIXED = 8 + 8 + 8;
    private static final int ORIGIN = 4 + 8 + 4 + 4;

    private ReadingPack() {}

    /** Appends readings; {@link #toBytes()} gives the pack. */
    static final class Builder {
        private final boolean originals;
        private ByteBuffer buf;
        int bytes;

        Builder(boolean originals) {
            this.originals = originals;
            this.buf = ByteBuffer.allocate(originals ? 256 : FIXED * 16);
            buf.put((byte) (originals ? 1 : 0));
        }

        void add(long ts, long seq, double temperature, int partition, long offset, byte[] key, byte[] value) {
            int need = FIXED + (originals ? ORIGIN + len(key) + len(value) : 0);
            if (buf.remaining() < need) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + need));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
            buf.putLong(ts).putLong(seq).putDouble(temperature);
            if (originals) {
                buf.putInt(partition).putLong(offset);
                putBytes(key);
                putBytes(value);
            }
            bytes += need;
        }

        private void putBytes(byte[] b) {
            buf.putInt(b == null ? -1 : b.length);
            if (b != null) buf.put(b);
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf.array(), buf.position());
        }

        private static int len(byte[] b) {
            return b == null ? 0 : b.length;
        }
    }

    /** Reads a pack, one reading at a time: {@code while (c.next()) use(c.ts, c.seq, ...)}. */
    static final class Cursor {
        private final ByteBuffer buf;
        private final boolean originals;
        long ts;
        long seq;
        double temperature;
        int partition;
        long offset;
        byte[] key;
        byte[] value;

        Cursor(byte[] pack) {
            this.buf = ByteBuffer.wrap(pack);
            this.originals = buf.get() == 1;
        }

        boolean next() {
            if (!buf.hasRemaining()) return false;
            ts = buf.getLong();
            seq = buf.getLong();
            temperature = buf.getDouble();
            if (originals) {
                partition = buf.getInt();
                offset = buf.getLong();
                key = getBytes();
                value = getBytes();
            }
            return true;
        }

        private byte[] getBytes() {
            int n = buf.getInt();
            if (n < 0) return null;
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }
    }
}
