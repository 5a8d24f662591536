package streamlab.drills;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import streamlab.cli.Main;

/**
 * Runs {@code streamlab ARGS} in-process through {@link Main#run} and captures everything a user would see:
 * the streams passed in and System.out/err too (some commands, e.g. process, print there), still echoed to
 * the originals so surefire's output file shows what happened. Also measures how long the run took.
 */
public final class Cli {
    private Cli() {}

    public record Run(int exit, String out, String err, Duration took) {
        public String firstErrLine() {
            return err.lines().findFirst().orElse("");
        }

        /** For assertion messages. */
        public String describe() {
            return "exit " + exit + " after " + took.toMillis() + " ms\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    public static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (PrintStream o = new PrintStream(new Tee(out, oldOut), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(new Tee(err, oldErr), true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.run(args, o, e);
            o.flush();
            e.flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
