package streamlab.drills;

import java.time.Duration;
import streamlab.testkit.CliRun;

/** The drills' name for {@link CliRun}: {@code streamlab ARGS} in-process, with what it printed and how long it took. */
public final class Cli {
    private Cli() {}

    public record Run(int exit, String out, String err, Duration took) {
        public String firstErrLine() {
            return err.lines().findFirst().orElse("");
        }

        /** For assertion messages. */
        public String describe() {
            return CliRun.describe(exit, out, err, took);
        }
    }

    public static Run run(String... args) {
        CliRun r = CliRun.of(args);
        return new Run(r.exit(), r.out(), r.err(), r.took());
    }
}
