package streamlab.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * A positional array {@code [sensor, ts, seq, temperature]} (str, int, int, float64): about 40 bytes
 * where JSON takes about 90. A map with field names would save only about 13% over JSON.
 */
public final class MsgpackReadingCodec implements ReadingCodec {
    public static final MsgpackReadingCodec INSTANCE = new MsgpackReadingCodec();
    static final int FIELDS = 4;

    private MsgpackReadingCodec() {}

    @Override
    public Format format() {
        return Format.MSGPACK;
    }

    @Override
    public byte[] encode(Reading r) {
        byte[] fast = ReadingMsgpackWriter.write(r);
        if (fast != null) return fast;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packArrayHeader(FIELDS);
            p.packString(r.sensor());
            p.packLong(r.ts());
            p.packLong(r.seq());
            p.packDouble(r.temperature());
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Reading decode(byte[] bytes) {
        Reading canonical = ReadingMsgpackReader.read(bytes);
        return canonical != null ? canonical.validate() : decodeWithUnpacker(bytes);
    }

    /**
     * The reason {@link #decode} gives bytes whose first byte is no array header, or null when it may be one: what
     * the packer asks first, so that a flood of JSON or of random bytes into a msgpack job throws nothing (an
     * exception caught a few compiled frames up cost a third of the map tasks' time). 0xc1, which msgpack never
     * uses, is left to the unpacker's own reason.
     */
    @Override
    public String refusedAtFirstByte(byte[] bytes) {
        if (bytes.length == 0) return null;
        int b = bytes[0] & 0xff;
        return (b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd || b == 0xc1 ? null : NOT_AN_ARRAY;
    }

    private static final String NOT_AN_ARRAY = "msgpack record is not an array";

    /** Any msgpack, with a reason for what is not a reading: what {@link #decode} does beyond the writer's own form. */
    Reading decodeWithUnpacker(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (!u.hasNext()) throw new DecodeException("empty record");
            if (u.getNextFormat().getValueType() != ValueType.ARRAY) {
                throw new DecodeException(NOT_AN_ARRAY);
            }
            int n = u.unpackArrayHeader();
            if (n != FIELDS) throw new DecodeException("msgpack array has " + n + " fields, expected 4");
            String sensor = unpackString(u, Reading.SENSOR, bytes.length);
            long ts = unpackLong(u, Reading.TS);
            long seq = unpackLong(u, Reading.SEQ);
            double temperature = unpackDouble(u, Reading.TEMPERATURE);
            if (u.hasNext()) throw new DecodeException("trailing bytes after msgpack array");
            return new Reading(sensor, ts, seq, temperature).validate();
        } catch (MessageInsufficientBufferException e) {
            throw new DecodeException("truncated msgpack");
        } catch (MessagePackException e) {
            throw new DecodeException("invalid msgpack: " + e.getMessage());
        } catch (IOException e) {
            // the unpacker reports running out of bytes as an EOFException
            throw new DecodeException("truncated msgpack");
        }
    }

    private static String unpackString(MessageUnpacker u, String field, int recordLength) throws IOException {
        expect(u, ValueType.STRING, field, "a string");
        // Not unpackString(): it makes a CharsetDecoder per unpacker, that is per record, which cost more than
        // the rest of the decode. The JDK's UTF-8 String constructor replaces malformed bytes the same way.
        int length = u.unpackRawStringHeader();
        // readPayload allocates the length a header claims before it reads: a broken record claiming 2 GB would
        // take that much heap to be refused.
        if (length > recordLength - u.getTotalReadBytes()) throw new DecodeException("truncated msgpack");
        return new String(u.readPayload(length), StandardCharsets.UTF_8);
    }

    private static long unpackLong(MessageUnpacker u, String field) throws IOException {
        expect(u, ValueType.INTEGER, field, "an integer");
        return u.unpackLong();
    }

    private static double unpackDouble(MessageUnpacker u, String field) throws IOException {
        MessageFormat f = u.getNextFormat();
        if (f.getValueType() == ValueType.INTEGER) return u.unpackLong();
        expect(u, ValueType.FLOAT, field, "a number");
        return u.unpackDouble();
    }

    private static void expect(MessageUnpacker u, ValueType type, String field, String what) throws IOException {
        if (!u.hasNext()) throw new DecodeException("truncated msgpack");
        ValueType actual = u.getNextFormat().getValueType();
        if (actual != type) throw new DecodeException("field '" + field + "' is not " + what + " (" + actual + ")");
    }
}
