package streamlab.bench;

/** A run that cannot go on: one message that says what failed and where its log is, no stack trace. */
final class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }
}
