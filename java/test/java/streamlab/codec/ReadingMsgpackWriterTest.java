package streamlab.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The hand-written msgpack must be byte for byte what msgpack-core writes, or be left to it. */
class ReadingMsgpackWriterTest {
    static byte[] packer(Reading r) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4);
            p.packString(r.sensor());
            p.packLong(r.ts());
            p.packLong(r.seq());
            p.packDouble(r.temperature());
            return p.toByteArray();
        }
    }

    static void same(Reading r) throws IOException {
        assertThat(MsgpackReadingCodec.INSTANCE.encode(r)).as(r.toString()).isEqualTo(packer(r));
        assertThat(MsgpackReadingCodec.INSTANCE.decode(MsgpackReadingCodec.INSTANCE.encode(r))).isEqualTo(r);
    }

    @Test
    void integersAroundEveryEncodingBoundary() throws IOException {
        long[] edges = {0, 1, 31, 32, 33, 127, 128, 255, 256, 65535, 65536, (1L << 31) - 1, 1L << 31, (1L << 32) - 1,
                1L << 32, Long.MAX_VALUE, -1, -31, -32, -33, -127, -128, -129, -32767, -32768, -32769,
                -(1L << 31) + 1, -(1L << 31), -(1L << 31) - 1, Long.MIN_VALUE};
        for (long ts : edges) {
            for (long d = -2; d <= 2; d++) {
                long v = ts + d;
                same(new Reading("sensor-01", v, Math.max(0, v), 21.37));
            }
        }
    }

    @Test
    void randomReadingsAndIdLengths() throws IOException {
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 50_000; i++) {
            String id = "s".repeat(1 + rng.nextInt(i % 100 == 0 ? 300 : 40));
            double t = i % 2 == 0 ? rng.nextGaussian() * 30 : Double.longBitsToDouble(rng.nextLong());
            if (!Double.isFinite(t)) t = -0.0;
            same(new Reading(id, rng.nextLong() >> rng.nextInt(64), rng.nextLong(Long.MAX_VALUE) >> rng.nextInt(63), t));
        }
    }

    @Test
    void nonAsciiIdsAreLeftToThePacker() throws IOException {
        for (String s : new String[] {"température", "日本", "emoji\uD83D\uDE00"}) {
            assertThat(ReadingMsgpackWriter.write(new Reading(s, 1, 2, 3.5))).isNull();
            same(new Reading(s, 1, 2, 3.5));
        }
    }
}
