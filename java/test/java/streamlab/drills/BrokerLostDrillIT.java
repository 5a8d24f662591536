package streamlab.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import streamlab.testkit.LocalKafka;

/**
 * Drill "broker lost while sending": produce and replay are sending at a steady pace when the only broker
 * goes away. Each must give up within a bounded time ({@code --connect-timeout} without an acknowledgement,
 * then a bounded close), with exit 1 and one last error line that names the broker and says how many records
 * are unconfirmed; not keep buffering for the producer's two-minute delivery timeout and then wait as long
 * again in its final flush.
 */
@Tag("drill")
class BrokerLostDrillIT {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final Duration BOUND = Duration.ofSeconds(30);
    static final Pattern PROGRESS = Pattern.compile("acked [1-9][0-9,]*");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"produce", "replay"})
    void aSenderWhoseBrokerIsGoneStopsInOneLine(String command) throws Exception {
        Child sender;
        String bootstrap;
        LocalKafka kafka = LocalKafka.start();
        try {
            bootstrap = kafka.bootstrap();
            kafka.createTopic("lost", 2);
            List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", "lost",
                    "--connect-timeout", TIMEOUT.toSeconds() + "s"));
            if (command.equals("produce")) {
                args.addAll(List.of("--sensors", "10", "--rate", "2000", "--count", "1000000"));
            } else {
                Path csv = tmp.resolve("long.csv");
                StringBuilder b = new StringBuilder("sensor,ts,seq,temperature\n");
                for (int i = 0; i < 200_000; i++) b.append("s-").append(i % 10).append(',').append(1_700_000_000_000L + i * 100L)
                        .append(',').append(i / 10).append(",21.5\n");
                Files.writeString(csv, b);
                // 1 s of event time per 10 readings, at 1000x: about 10,000 readings per second of wall time
                args.addAll(0, List.of(csv.toString()));
                args.addAll(List.of("--speed", "1000"));
            }
            sender = Child.start(command, tmp, Child.env(tmp.resolve("var")), "streamlab", prepend(command, args));
            sender.awaitErr(PROGRESS, Duration.ofSeconds(60));
            System.out.println("broker-lost drill: " + command + " is sending, acknowledged; stopping the broker");
        } finally {
            kafka.close();
        }
        long t0 = System.nanoTime();
        int exit = sender.awaitExit(BOUND);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        System.out.printf("broker-lost drill: %s exited %d, %.1f s after the broker stopped%n", command, exit, took.toMillis() / 1000.0);

        assertThat(exit).as(sender.describe()).isEqualTo(1);
        List<String> lines = sender.err().lines().filter(l -> !l.isBlank()).toList();
        String last = lines.get(lines.size() - 1);
        assertThat(last).as(sender.describe()).startsWith("Error: Kafka at " + bootstrap + " stopped answering")
                .contains("records unconfirmed");
        assertThat(lines.stream().filter(l -> l.startsWith("Error"))).hasSize(1);
        assertThat(sender.err()).doesNotContain("\tat ").doesNotContain("Exception");
        System.out.println("broker-lost drill: checked: exit 1, one last line: " + last);
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
