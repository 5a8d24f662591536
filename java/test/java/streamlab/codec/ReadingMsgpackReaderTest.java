package streamlab.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** The hand-written reader must give what msgpack-core gives for every record it accepts, and leave the rest to it. */
class ReadingMsgpackReaderTest {
    private static final MsgpackReadingCodec CODEC = MsgpackReadingCodec.INSTANCE;

    private static String outcome(byte[] bytes, boolean withUnpacker) {
        try {
            Reading r = withUnpacker ? CODEC.decodeWithUnpacker(bytes) : CODEC.decode(bytes);
            return r.sensor() + "|" + r.ts() + "|" + r.seq() + "|" + Double.doubleToRawLongBits(r.temperature());
        } catch (DecodeException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static void sameAsUnpacker(byte[] bytes) {
        assertThat(outcome(bytes, false)).as(HexFormat.of().formatHex(bytes)).isEqualTo(outcome(bytes, true));
    }

    private static long anyLong(SplittableRandom rng) {
        return switch (rng.nextInt(6)) {
            case 0 -> rng.nextLong(-40, 130);
            case 1 -> rng.nextLong(-70_000, 70_000);
            case 2 -> rng.nextLong(-5_000_000_000L, 5_000_000_000L);
            case 3 -> rng.nextLong(0, 4_000_000_000_000L);
            default -> rng.nextLong();
        };
    }

    @Test
    void readsWhatTheWriterWritesAsTheUnpackerDoes() {
        SplittableRandom rng = new SplittableRandom(3);
        int read = 0;
        for (int i = 0; i < 50_000; i++) {
            String sensor = i % 50 == 0 ? "s-" + "x".repeat(rng.nextInt(20, 60)) : "s-" + rng.nextInt(100_000);
            double t = i % 3 == 0 ? Double.longBitsToDouble(rng.nextLong()) : Math.round(rng.nextDouble(-100, 100) * 100) / 100.0;
            byte[] bytes = CODEC.encode(new Reading(sensor, anyLong(rng), anyLong(rng), t));
            sameAsUnpacker(bytes);
            if (ReadingMsgpackReader.read(bytes) != null) read++;
        }
        // All of them but Long.MIN_VALUE, which the reader leaves to the unpacker.
        assertThat(read).isGreaterThan(49_500);
    }

    @Test
    void mutatedRecordsGetTheSameReadingOrReasonAsWithTheUnpacker() {
        SplittableRandom rng = new SplittableRandom(5);
        byte[] special = {(byte) 0x94, (byte) 0x93, (byte) 0xa3, (byte) 0xd9, (byte) 0xcb, (byte) 0xca, (byte) 0xcc, (byte) 0xcf,
            (byte) 0xd3, (byte) 0xd0, (byte) 0xff, (byte) 0xc0, 0x00, 0x7f, (byte) 0x80};
        for (int i = 0; i < 50_000; i++) {
            byte[] b = CODEC.encode(new Reading("s-" + rng.nextInt(1000), anyLong(rng), anyLong(rng), rng.nextDouble(-50, 50)));
            b = ByteEdits.edited(b, rng, () -> rng.nextBoolean() ? special[rng.nextInt(special.length)] : (byte) rng.nextInt(256));
            sameAsUnpacker(b);
        }
    }

    @Test
    void leavesOtherEncodingsToTheUnpacker() throws IOException {
        // The temperature as an integer and as a float32, a non-ASCII id, a uint64 beyond a long, and a fifth element:
        // all readable by the unpacker, or refused with its reason.
        byte[][] others = {
            packed(p -> p.packString("s-1").packLong(1).packLong(2).packLong(21)),
            packed(p -> p.packString("s-1").packLong(1).packLong(2).packFloat(21.5f)),
            packed(p -> p.packString("s-\u00e9").packLong(1).packLong(2).packDouble(21.5)),
            packed(p -> p.packString("s-1").packBigInteger(java.math.BigInteger.ONE.shiftLeft(63)).packLong(2).packDouble(21.5)),
        };
        for (byte[] b : others) {
            assertThat(ReadingMsgpackReader.read(b)).as(HexFormat.of().formatHex(b)).isNull();
            sameAsUnpacker(b);
        }
        assertThat(CODEC.decode(others[0])).isEqualTo(new Reading("s-1", 1, 2, 21.0));
        assertThat(CODEC.decode(others[2]).sensor()).isEqualTo("s-\u00e9");
        assertThat(outcome(others[3], false)).startsWith("refused: invalid msgpack");
    }

    @Test
    void aStringHeaderClaimingGigabytesIsRefusedWithoutAllocatingThem() {
        // [str32 of 2^31-1 bytes]: the unpacker used to allocate what the header claims before finding the record short.
        byte[] b = {(byte) 0x94, (byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 's', '-', '1'};
        for (int i = 0; i < 20; i++) assertThat(outcome(b, false)).isEqualTo("refused: truncated msgpack");
    }

    private interface Fields {
        void pack(MessageBufferPacker p) throws IOException;
    }

    private static byte[] packed(Fields fields) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(4);
            fields.pack(p);
            return p.toByteArray();
        }
    }

    @Test
    void aRecordRefusedAtItsFirstByteGetsTheReasonDecodeGives() {
        assertThat(ByteEdits.refusedAtFirstByte(CODEC::refusedAtFirstByte, b -> outcome(b, false))).isGreaterThan(200 * 50);
    }
}
