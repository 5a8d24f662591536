package streamlab.codec;

/**
 * Bytes that are not a valid record. The message is the reason stored with dead letters. No stack trace: it
 * says where the code found bad data, which nobody reads, and a flood of bad records paid for one each.
 */
public class DecodeException extends RuntimeException {
    public DecodeException(String reason) {
        super(reason, null, false, false);
    }

    public DecodeException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
