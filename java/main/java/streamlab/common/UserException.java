package streamlab.common;

/**
 * A failure the user can act on (bad input file, broker unreachable, ...). {@code streamlab.cli.Main} prints its
 * message as one line, without a stack trace unless {@code --verbose}.
 */
public class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(String message) {
        this(message, 1, null);
    }

    public UserException(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public UserException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
