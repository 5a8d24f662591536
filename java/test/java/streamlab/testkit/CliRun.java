package streamlab.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import streamlab.cli.Main;

/**
 * Runs {@code streamlab ARGS} in-process through {@link Main#run} and keeps what a user would see, with how long
 * it took. Commands write only to the streams they are handed, so nothing global is swapped and runs may overlap;
 * each stream is also copied to this JVM's own, so the test plugin's output file shows what happened.
 */
public record CliRun(int exit, String out, String err, Duration took) {
    public static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (PrintStream o = new PrintStream(new Tee(out, System.out), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(new Tee(err, System.err), true, StandardCharsets.UTF_8)) {
            int code = Main.run(args, o, e);
            o.flush();
            e.flush();
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    public String firstErrLine() {
        return err.lines().findFirst().orElse("");
    }

    /** For assertion messages. */
    public String describe() {
        return describe(exit, out, err, took);
    }

    public static String describe(int exit, String out, String err, Duration took) {
        return "exit " + exit + " after " + took.toMillis() + " ms\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }

    /** Writes to the capture and to the JVM's stream; closing it leaves the JVM's stream open. */
    private static final class Tee extends OutputStream {
        private final OutputStream capture;
        private final OutputStream copy;

        Tee(OutputStream capture, OutputStream copy) {
            this.capture = capture;
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            capture.write(b);
            copy.write(b);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws IOException {
            capture.write(buf, off, len);
            copy.write(buf, off, len);
        }

        @Override
        public void flush() throws IOException {
            capture.flush();
            copy.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
