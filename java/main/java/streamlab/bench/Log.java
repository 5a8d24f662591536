package streamlab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/** What the bench says while it runs: on stderr for the user, and with the time of day in bench.log when there is one. */
final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream err;
    private final Path file;

    Log(PrintStream err, Path file) {
        this.err = err;
        this.file = file;
    }

    /** A line as it comes ("  streamlab produce ..."). */
    synchronized void progress(String line) {
        err.println(line);
        if (file != null) {
            try {
                Files.writeString(file, LocalTime.now().format(TIME) + " " + line.strip() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Path file() {
        return file;
    }

    /** The last {@code n} lines of a program's output, for an error message. */
    static String tail(String text, int n) {
        String[] lines = text.strip().split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }
}
