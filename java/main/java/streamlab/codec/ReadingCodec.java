package streamlab.codec;

/** Encodes and decodes {@link Reading}s. Implementations are thread-safe. */
public interface ReadingCodec {
    byte[] encode(Reading reading);

    /** Returns a complete, validated reading or throws {@link DecodeException}; never a half-filled one. */
    Reading decode(byte[] bytes);

    Format format();

    /**
     * The reason {@link #decode} gives BYTES when their first byte already rules the format out, or null when it
     * may not: found without throwing, so that a flood of another format costs no exception per record.
     */
    String refusedAtFirstByte(byte[] bytes);

    static ReadingCodec of(Format format) {
        return format == Format.JSON ? JsonReadingCodec.INSTANCE : MsgpackReadingCodec.INSTANCE;
    }

    /** Decodes either format, chosen per record by its first byte. */
    static Reading decodeAny(byte[] bytes) {
        return of(Format.detect(bytes)).decode(bytes);
    }
}
