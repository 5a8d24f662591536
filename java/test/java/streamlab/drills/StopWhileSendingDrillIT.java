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
 * Drill "Ctrl-C while sending": produce and replay, run as a user runs them ({@code bin/streamlab} in a process of
 * its own), get a real SIGINT while they send. With the broker up, they wait for what is in flight and say every
 * record sent was confirmed, and the topic holds exactly that many. With the broker gone just before the Ctrl-C,
 * they wait a bounded time (--connect-timeout, at most 10 s) and say, in one last line, how many records Kafka did
 * not confirm, instead of the JVM exiting in the middle of its wait with nothing said.
 */
@Tag("drill")
class StopWhileSendingDrillIT {
    static final Pattern PROGRESS = Pattern.compile("acked [1-9][0-9,]*");
    static final Pattern SENT = Pattern.compile("done: ([0-9,]+) records");
    /** A JVM ended by SIGINT exits 128 + 2 once its shutdown hook (the command's bounded wait) is done. */
    static final int SIGINT_EXIT = 130;

    @TempDir
    Path tmp;

    private List<String> sending(String command, String bootstrap, String topic) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "--bootstrap-server", bootstrap, "--topic", topic,
                "--connect-timeout", "60s"));
        if (command.equals("produce")) {
            args.addAll(List.of("--sensors", "10", "--rate", "2000", "--count", "1000000", "--start", "2024-01-01T00:00:00Z"));
        } else {
            Path csv = tmp.resolve("long.csv");
            StringBuilder b = new StringBuilder("sensor,ts,seq,temperature\n");
            for (int i = 0; i < 200_000; i++) b.append("s-").append(i % 10).append(',').append(1_700_000_000_000L + i * 100L)
                    .append(',').append(i / 10).append(",21.5\n");
            Files.writeString(csv, b);
            // 10 readings per second of event time, at 200x: about 2,000 readings per second of wall time
            args.addAll(1, List.of(csv.toString(), "--speed", "200"));
        }
        return args;
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce", "replay"})
    void ctrlCWaitsForWhatIsInFlightAndSaysAllWasConfirmed(String command) throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            kafka.createTopic("stop", 2);
            try (Child sender = Child.start(command, tmp, Child.env(tmp.resolve("var")), "streamlab",
                    sending(command, kafka.bootstrap(), "stop"))) {
                sender.awaitErr(PROGRESS, Duration.ofSeconds(60));
                sender.interrupt();
                long t0 = System.nanoTime();
                int exit = sender.awaitExit(Duration.ofSeconds(30));
                double took = (System.nanoTime() - t0) / 1e9;
                System.out.printf("stop drill: %s exited %d %.1f s after SIGINT%n", command, exit, took);

                assertThat(exit).as(sender.describe()).isEqualTo(SIGINT_EXIT);
                long sent = Child.number(sender.err(), SENT);
                assertThat(sender.err()).as(sender.describe())
                        .contains(command + ": stopped on request; all " + String.format("%,d", sent) + " records sent were confirmed by Kafka")
                        .doesNotContain("Error").doesNotContain("\tat ");
                assertThat(kafka.readAll("stop", Duration.ofSeconds(60))).as("records on the topic").hasSize((int) sent);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"produce", "replay"})
    void ctrlCWithTheBrokerGoneSaysHowManyWereNotConfirmed(String command) throws Exception {
        Child sender;
        String bootstrap;
        LocalKafka kafka = LocalKafka.start();
        try {
            bootstrap = kafka.bootstrap();
            kafka.createTopic("stop", 2);
            sender = Child.start(command, tmp, Child.env(tmp.resolve("var")), "streamlab", sending(command, bootstrap, "stop"));
            sender.awaitErr(PROGRESS, Duration.ofSeconds(60));
        } finally {
            kafka.close();
        }
        try (sender) {
            // sends go on into the producer's buffer, unanswered, for a second or two
            Thread.sleep(2_000);
            assertThat(sender.alive()).as(sender.describe()).isTrue();
            sender.interrupt();
            long t0 = System.nanoTime();
            int exit = sender.awaitExit(Duration.ofSeconds(30));
            double took = (System.nanoTime() - t0) / 1e9;
            System.out.printf("stop drill (broker gone): %s exited %d %.1f s after SIGINT%n", command, exit, took);

            assertThat(exit).as(sender.describe()).isEqualTo(SIGINT_EXIT);
            assertThat(took).as("bounded by the 10 s grace, not the 60 s --connect-timeout").isLessThan(20);
            List<String> lines = sender.err().lines().filter(l -> !l.isBlank()).toList();
            String last = lines.get(lines.size() - 1);
            assertThat(last).as(sender.describe()).matches("Error: stopped on request with [1-9][0-9,]* of [0-9,]+ records sent to stop"
                    + " not confirmed by Kafka at " + Pattern.quote(bootstrap) + " within 10s \\([0-9,]+ confirmed\\):"
                    + " they may or may not have been written");
            long unconfirmed = Child.number(last, Pattern.compile("with ([0-9,]+) of"));
            long sent = Child.number(last, Pattern.compile("of ([0-9,]+) records"));
            long confirmed = Child.number(last, Pattern.compile("\\(([0-9,]+) confirmed"));
            assertThat(confirmed + unconfirmed).isEqualTo(sent);
            assertThat(sender.err()).contains("done: " + String.format("%,d", sent) + " records (" + String.format("%,d", confirmed)
                    + " acked, 0 failed)").doesNotContain("\tat ");
        }
    }
}
