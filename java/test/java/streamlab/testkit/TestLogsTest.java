package streamlab.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

/** What {@link TestLogs} keeps of a failing test's folders, and that a passing class keeps nothing. */
class TestLogsTest {
    @TempDir
    Path tmp;

    Path kept;

    @AfterEach
    void cleanUp() {
        // this class's own failure flag goes back to "passing" for the tests after it
        new TestLogs().beforeAll(context(TestLogsTest.class, null));
        if (kept != null) {
            LocalKafka.deleteRecursively(kept);
            try {
                Files.deleteIfExists(kept.getParent());
            } catch (java.io.IOException notEmpty) {
                // kept logs of a real failure in this class: leave them
            }
        }
    }

    /** The two things the extension reads from JUnit: the class, and whether the test threw. */
    static ExtensionContext context(Class<?> testClass, Throwable thrown) {
        return (ExtensionContext) Proxy.newProxyInstance(TestLogsTest.class.getClassLoader(), new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredTestClass" -> testClass;
                    case "getExecutionException" -> Optional.ofNullable(thrown);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theLogsOfAFolderAreKeptOnlyAfterAFailure() throws Exception {
        Path var = tmp.resolve("streamlab-kafka-123");
        Files.createDirectories(var.resolve("log"));
        Files.createDirectories(var.resolve("data/kafka-1/t-0"));
        Files.writeString(var.resolve("log/kafka-1.log"), "broker log\n");
        Files.writeString(var.resolve("log/kafka-1.gc"), "gc\n");
        Files.writeString(var.resolve("job.err"), "Exception in job\n");
        Files.writeString(var.resolve("data/kafka-1/t-0/00000000000000000000.log"), "a partition segment\n");
        Files.writeString(var.resolve("00000000000000000000.log"), "a segment elsewhere\n");
        Files.writeString(var.resolve("streamlab.jar"), "not a log\n");

        TestLogs ext = new TestLogs();
        ext.beforeAll(context(TestLogsTest.class, null));
        ext.afterTestExecution(context(TestLogsTest.class, null));
        assertThat(TestLogs.keepIfFailed(var)).as("a passing class keeps nothing").isNull();

        ext.afterTestExecution(context(TestLogsTest.class, new AssertionError("red")));
        assertThat(TestLogs.failedInThisClass()).isTrue();
        kept = TestLogs.keepIfFailed(var);
        assertThat(kept).isNotNull().startsWith(TestLogs.root().resolve("TestLogsTest"));
        assertThat(kept.getFileName().toString()).startsWith("streamlab-kafka-123-");
        assertThat(kept.resolve("log/kafka-1.log")).hasContent("broker log");
        assertThat(kept.resolve("log/kafka-1.gc")).hasContent("gc");
        assertThat(kept.resolve("job.err")).hasContent("Exception in job");
        assertThat(kept.resolve("data")).doesNotExist();
        assertThat(kept.resolve("00000000000000000000.log")).doesNotExist();
        assertThat(kept.resolve("streamlab.jar")).doesNotExist();

        // the next class starts clean
        ext.beforeAll(context(String.class, null));
        assertThat(TestLogs.failedInThisClass()).isFalse();
    }

    @Test
    void aRunawayLogIsKeptAsItsLastPart() throws Exception {
        Path var = tmp.resolve("big");
        Files.createDirectories(var);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(var.resolve("server.log"))) {
            for (int i = 0; i < 21; i++) out.write(chunk);
            out.write("the end\n".getBytes());
        }
        kept = TestLogs.keep(var, "TestLogsTest");
        assertThat(Files.size(kept.resolve("server.log"))).isEqualTo(TestLogs.MAX_BYTES);
        assertThat(Files.readString(kept.resolve("server.log"))).endsWith("the end\n");
    }
}
