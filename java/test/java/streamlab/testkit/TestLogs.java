package streamlab.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;

/**
 * Keeps the logs of a failing test: the servers and child processes a test starts write their logs into temporary
 * folders that the test deletes when it ends, so a red CI run used to leave nothing to read but the assertion.
 * Registered for every test class (junit-platform.properties turns on extension auto-detection; see
 * META-INF/services), this extension notes when a test or a set-up method of the current class fails or times out;
 * {@link LocalKafka#deleteRecursively}, through which the kit's tests delete their servers' folders, then first
 * copies the logs ({@code *.log}, {@code *.out}, {@code *.err}, whatever is under a {@code log/} folder) to
 * {@code target/test-logs/CLASS/FOLDER/}. A passing run keeps nothing.
 */
public final class TestLogs implements BeforeAllCallback, AfterTestExecutionCallback, LifecycleMethodExecutionExceptionHandler {
    /** Files larger than this are kept as their last part: a runaway log must not fill the disk. */
    static final long MAX_BYTES = 20L << 20;
    private static final AtomicInteger kept = new AtomicInteger();
    private static volatile boolean failed;
    private static volatile String currentClass = "unknown";

    static {
        Watchdog.start();
    }

    /** Where kept logs go: target/test-logs next to the build's jar. */
    public static Path root() {
        String jar = System.getProperty("streamlab.jar");
        Path build = jar != null ? Path.of(jar).toAbsolutePath().getParent() : Scripts.home().resolve("target");
        return build.resolve("test-logs");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        failed = false;
        currentClass = context.getRequiredTestClass().getSimpleName();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) failed = true;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        failed = true;
        throw t;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        failed = true;
        throw t;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable t) throws Throwable {
        failed = true;
        throw t;
    }

    /** True when a test or set-up method of the class running now has failed. */
    public static boolean failedInThisClass() {
        return failed;
    }

    /** Keeps the logs under {@code dir} when the class running now has failed; returns where, or null. */
    public static Path keepIfFailed(Path dir) {
        return failed ? keep(dir, currentClass) : null;
    }

    /** Copies the logs under {@code dir} to target/test-logs/LABEL/DIRNAME-N/ and says so on stdout; null if none. */
    public static Path keep(Path dir, String label) {
        if (dir == null || !Files.isDirectory(dir)) return null;
        Path to = root().resolve(label).resolve(dir.getFileName() + "-" + kept.incrementAndGet());
        int n = 0;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(f -> isLog(dir.relativize(f))).toList()) {
                Path target = to.resolve(dir.relativize(f).toString());
                Files.createDirectories(target.getParent());
                if (Files.size(f) <= MAX_BYTES) {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    try (var in = Files.newInputStream(f); var out = Files.newOutputStream(target)) {
                        in.skipNBytes(Files.size(f) - MAX_BYTES);
                        in.transferTo(out);
                    }
                }
                n++;
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("[test-logs] could not keep every log of " + dir + ": " + e);
        }
        if (n == 0) return null;
        System.out.println("[test-logs] kept " + n + " log files of " + dir + " in " + to);
        return to;
    }

    static boolean isLog(Path relative) {
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        // Kafka's partition and metadata segments are named 00000000000000000000.log: data, not logs
        if (name.matches("\\d{20}\\.log")) return false;
        for (Path part : relative) {
            if (part.toString().equals("data")) return false;
        }
        if (name.endsWith(".log") || name.endsWith(".out") || name.endsWith(".err") || name.matches(".*\\.log\\.\\d+")) {
            return true;
        }
        for (Path part : relative) {
            if (List.of("log", "logs").contains(part.toString())) return !name.endsWith(".jar");
        }
        return false;
    }
}
