package streamlab.exercises.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One line per exercise test, for {@code bin/exercise-test} to print: {@code PASS}, {@code FAIL} with the first
 * lines of what went wrong, or {@code NOT STARTED}. Written to the file named by the system property
 * {@code exercise.results} (nothing is written without it).
 */
public final class ExerciseResults implements TestWatcher {
    @Override
    public void testSuccessful(ExtensionContext context) {
        write("PASS " + name(context));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        write("NOT STARTED " + name(context) + ": " + firstLine(cause));
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder b = new StringBuilder("FAIL " + name(context) + ": ");
        String msg = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        msg.lines().limit(24).forEach(l -> b.append(b.charAt(b.length() - 1) == ' ' ? "" : "\n       ").append(l));
        write(b.toString());
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        write("SKIPPED " + name(context) + reason.map(r -> ": " + r).orElse(""));
    }

    private static String name(ExtensionContext c) {
        return c.getRequiredTestClass().getSimpleName() + "." + c.getRequiredTestMethod().getName();
    }

    private static String firstLine(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
    }

    private static synchronized void write(String line) {
        String file = System.getProperty("exercise.results");
        if (file == null || file.isBlank()) return;
        try {
            Path p = Path.of(file);
            if (p.getParent() != null) Files.createDirectories(p.getParent());
            Files.writeString(p, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
