package streamlab.codec;

/** Bytes that are not a valid record. The message is the reason stored with dead letters. */
public class DecodeException extends RuntimeException {
    public DecodeException(String reason) {
        super(reason);
    }

    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
