package streamlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static streamlab.report.Fixtures.alert;
import static streamlab.report.Fixtures.window;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import streamlab.codec.Alert;
import streamlab.codec.Format;
import streamlab.testkit.CliRun;
import streamlab.testkit.LocalKafka;
import streamlab.testkit.Scripts;

/**
 * The dashboard in a real terminal: {@code bin/streamlab report} runs in a detached tmux session
 * (private socket), the test writes records, reads the screen with {@code capture-pane}, presses
 * Ctrl-C and checks that the shell is usable again, the cursor visible and the offsets committed.
 * Runs on the packaged jar (an integration test: after the package phase).
 */
class ReportDashboardTmuxIT {
    private static final Path HOME = Path.of(System.getProperty("streamlab.home", ".")).toAbsolutePath();

    private final String socket = "streamlab-report-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    private LocalKafka kafka;
    private Path socketPath;

    @AfterEach
    void cleanUp() throws Exception {
        try {
            tmux("kill-server");
            // tmux leaves the socket file of a killed server behind
            if (socketPath != null) Files.deleteIfExists(socketPath);
        } finally {
            if (kafka != null) kafka.close();
        }
    }

    @Test
    void dashboardShowsSensorsAndAlertsAndCtrlCRestoresTheTerminal() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "tmux not installed");
        kafka = LocalKafka.start();
        kafka.createTopic("report", 2);
        kafka.createTopic("alerts", 1);

        assertThat(tmux("new-session", "-d", "-s", "dash", "-x", "110", "-y", "30", "bash --norc --noprofile").exitCode)
                .isZero();
        socketPath = Path.of(tmux("display-message", "-p", "#{socket_path}").out.strip());
        String cmd = HOME.resolve("bin/streamlab") + " report --output dashboard --bootstrap-server " + kafka.bootstrap()
                + " --from-beginning --group dash-g --refresh 500ms";
        tmux("send-keys", "-t", "dash", "STREAMLAB_JAR=" + Scripts.jar() + " STREAMLAB_DRIVER_MEMORY=256m " + cmd, "Enter");
        String started = waitForScreen(s -> s.contains("streamlab report") && s.contains("ALERTS"), 60);
        assertThat(started).contains("newest window none yet");

        try (KafkaProducer<String, byte[]> p = ReportKafkaIT.producer(kafka.bootstrap())) {
            for (int i = 0; i < 4; i++) {
                ReportKafkaIT.send(p, "report", window("s-01", i, 20 + i), Format.JSON);
                ReportKafkaIT.send(p, "report", window("s-02", i, 30 + i), Format.MSGPACK);
                ReportKafkaIT.send(p, "report", window("s-03", i, 25), Format.JSON);
            }
            ReportKafkaIT.send(p, "alerts", alert("s-02", Alert.THRESHOLD_HIGH, 2, null, 33.5), Format.MSGPACK);
        }
        String screen = waitForScreen(s -> s.contains("windows 12") && s.contains("threshold-high"), 30);
        assertThat(screen).containsPattern("(?m)^s-02 .* 33\\.00 .*alerting\\s*$")
                .containsPattern("(?m)^s-01 .*ok\\s*$")
                .containsPattern("(?m)^s-03 .*▄▄▄▄ +ok\\s*$")
                .containsPattern("(?m)^10:02:13 s-02 +threshold-high +33\\.50 +open")
                .contains("alerts 1");
        assertThat(screen.lines().filter(l -> l.startsWith("streamlab report"))).as("drawn in place, once").hasSize(1);

        tmux("send-keys", "-t", "dash", "C-c");
        waitFor(() -> paneCommand().equals("bash"), 30, "the report process to end after Ctrl-C");
        tmux("send-keys", "-t", "dash", "echo ok-$((40+2))", "Enter");
        String after = waitForScreen(s -> s.lines().anyMatch(l -> l.strip().equals("ok-42")), 10);
        assertThat(after).contains("streamlab report"); // the last frame stays above the prompt
        assertThat(tmux("display-message", "-p", "-t", "dash", "#{cursor_flag}").out.strip())
                .as("cursor visible again").isEqualTo("1");

        CliRun lag = CliRun.of("report", "--bootstrap-server", kafka.bootstrap(), "--lag", "--group", "dash-g");
        assertThat(lag.exit()).as(lag.err()).isZero();
        assertThat(lag.out()).endsWith("total lag 0\n");
    }

    private String paneCommand() {
        return tmux("display-message", "-p", "-t", "dash", "#{pane_current_command}").out.strip();
    }

    private String waitForScreen(Predicate<String> ready, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String s = "";
        while (System.nanoTime() < end) {
            s = tmux("capture-pane", "-p", "-t", "dash").out;
            if (ready.test(s)) return s;
            Thread.sleep(300);
        }
        throw new AssertionError("screen not as expected within " + seconds + " s:\n" + s);
    }

    private static void waitFor(java.util.function.BooleanSupplier cond, int seconds, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private record Result(int exitCode, String out) {}

    private Result tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tmux " + String.join(" ", args) + " hung");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run tmux", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
