package streamlab.common;

import java.io.PrintStream;

/**
 * One subcommand of {@code streamlab}: a jcommander-annotated class with a
 * {@code @Parameters(commandDescription = ...)}. Exit codes are decided only in {@code streamlab.cli.Main}.
 */
public interface Command {
    /**
     * Runs the command; returns the process exit code (0 ok, 1 runtime failure). The command writes only to the
     * streams it is given (results on {@code out}, progress and messages on {@code err}): the caller owns them,
     * so a test or another command can run it in-process and read what it printed.
     */
    int run(PrintStream out, PrintStream err) throws Exception;

    /** The {@code --help}/{@code --verbose} flags every command carries (a {@code @ParametersDelegate}). */
    CommonOptions common();

    /** Example invocations shown at the end of {@code --help}, one per line. */
    default String examples() {
        return "";
    }
}
