package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import streamlab.testkit.FreePorts;

/**
 * Drill "broker down at start": every command that needs Kafka, pointed at a port nobody listens on, gives
 * up within a bounded time with exit 1 and one error line naming the address it tried; no stack trace, no
 * minutes of silent client retries. Inputs are otherwise valid, so the only thing wrong is the broker.
 */
@Tag("drill")
class BrokerDownDrillIT {
    static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;

    static Stream<Arguments> commands() throws Exception {
        Path csv = tmp.resolve("one.csv");
        Files.writeString(csv, "sensor,ts,seq,temperature\nsensor-01,1700000000000,0,21.5\n");
        Path truth = tmp.resolve("truth.csv");
        Files.writeString(truth, "sensor,kind,start,end\nsensor-01,spike,1700000000000,1700000001000\n");
        return Stream.of(
                Arguments.of("produce", List.of("--count", "10", "--rate", "max")),
                Arguments.of("replay", List.of(csv.toString())),
                Arguments.of("process", List.of("--trigger", "available-now", "--checkpoint", tmp.resolve("ckpt").toString())),
                Arguments.of("report", List.of("--output", "lines", "--max-records", "1")),
                Arguments.of("report", List.of("--lag", "--group", "nobody")),
                Arguments.of("score", List.of("--truth", truth.toString(), "--alerts-topic", "alerts")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("commands")
    void failsFastInOneLineNamingTheAddress(String command, List<String> args) {
        String address = "127.0.0.1:" + FreePorts.one();
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        all.addAll(List.of("--bootstrap-server", address, "--connect-timeout", "3s"));

        Cli.Run r = Cli.run(all.toArray(String[]::new));

        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.took()).as(r.describe()).isLessThan(BOUND);
        // A command may announce its run before connecting; the failure is one line, and the last.
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        List<String> errors = lines.stream().filter(l -> l.startsWith("Error")).toList();
        assertThat(errors).as(r.describe()).hasSize(1);
        assertThat(errors.get(0)).contains(address);
        assertThat(lines.get(lines.size() - 1)).as(r.describe()).isEqualTo(errors.get(0));
        assertThat(r.out() + r.err()).as(r.describe()).doesNotContain("\tat ").doesNotContain("Exception");
        if (command.equals("process")) {
            assertThat(Files.exists(tmp.resolve("ckpt"))).as("checkpoint made before Kafka answered").isFalse();
        }
    }
}
