package streamlab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static streamlab.replay.ReplayFiles.resource;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import streamlab.testkit.CliRun;

/** Usage errors through the real entry point: exit 2 and a first line naming the option. No broker needed. */
class ReplayArgumentsTest {
    private static String ours() {
        return resource("ours.csv").toString();
    }

    private static void assertUsageError(String expectedFirstLine, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.firstErrLine()).isEqualTo(expectedFirstLine);
    }

    @Test
    void missingOrExtraFile() {
        assertUsageError("Argument error: missing FILE.csv, the file to replay", "replay");
        assertUsageError("Argument error: one file at a time, got 2: a.csv b.csv", "replay", "a.csv", "b.csv");
    }

    @Test
    void badSpeed() {
        for (String s : new String[] {"abc", "0", "-1", "NaN", "Infinity"}) {
            assertUsageError("Argument error: --speed: '" + s + "' is not a speed (write it like 1, 60, 0.5 or max)",
                    "replay", ours(), "--speed", s);
        }
    }

    @Test
    void badZoneTimeFormatAndDelimiter() {
        assertUsageError("Argument error: --zone: 'Mars/Olympus' is not a time zone (write it like UTC, Europe/Paris, +01:00)",
                "replay", ours(), "--zone", "Mars/Olympus");
        CliRun r = CliRun.of("replay", ours(), "--time-format", "yyyy-MM-dd {");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.firstErrLine()).startsWith("Argument error: --time-format: 'yyyy-MM-dd {' is not auto, iso, epoch-s, epoch-ms or a java.time pattern");
        assertUsageError("Argument error: --delimiter: ';;' is not one character (write it like ',', ';' or tab)",
                "replay", ours(), "--delimiter", ";;");
    }

    @Test
    void conflictingAndOutOfRangeOptions() {
        assertUsageError("Argument error: --sensor and --sensor-col exclude each other: --sensor sets one id for every row",
                "replay", ours(), "--sensor", "room-1", "--sensor-col", "id");
        assertUsageError("Argument error: --sensor: the sensor id must not be empty", "replay", ours(), "--sensor", " ");
        assertUsageError("Argument error: --max-loops: must be at least 1, got 0", "replay", ours(), "--max-loops", "0");
        CliRun r = CliRun.of("replay", ours(), "--format", "xml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.firstErrLine()).startsWith("Argument error: ").contains("--format");
        assertThat(CliRun.of("replay", ours(), "--speedy", "1").firstErrLine()).isEqualTo("Argument error: unknown option '--speedy'");
    }

    @Test
    void missingColumnIsReportedBeforeConnectingToKafka() {
        // The bootstrap address is never contacted: the header is checked first.
        CliRun r = CliRun.of("replay", ours(), "--value-col", "temp_c", "--bootstrap-server", "127.0.0.1:1", "--connect-timeout", "60s");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.firstErrLine()).isEqualTo("Error: " + ours() + ": no column 'temp_c' in the header "
                + "(columns: sensor, ts, seq, temperature); name the right one with --value-col");
    }

    @Test
    void missingFileIsARuntimeError() {
        CliRun r = CliRun.of("replay", "no/such/file.csv", "--bootstrap-server", "127.0.0.1:1", "--connect-timeout", "60s");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.firstErrLine()).isEqualTo("Error: no such file: no/such/file.csv");
    }

    @Test
    void unreachableKafkaFailsWithinTheConnectTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        CliRun r = CliRun.of("replay", ours(), "--bootstrap-server", "127.0.0.1:" + port, "--connect-timeout", "1s");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.firstErrLine()).startsWith("Error: Cannot reach Kafka at 127.0.0.1:" + port + " within 1s");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    void helpListsTheMappingOptionsAndExamples() {
        CliRun r = CliRun.of("replay", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--speed", "Default: max", "--loop", "--max-loops", "--skip-bad", "--sensor-col",
                "--time-format", "--zone", "--delimiter", "--bootstrap-server", "--format",
                "streamlab replay data/living-room.csv --sensor living-room --time-col timestamp --value-col temp_c", "Default: auto");
    }

    /** A file --time-format auto cannot place fails on its first row, before Kafka is asked: one line, exit 2. */
    @Test
    void aTimeColumnAutoCannotPlaceIsOneLineBeforeAnyConnection() {
        CliRun r = CliRun.of("replay", resource("office-semicolon.csv").toString(), "--delimiter", ";", "--sensor-col", "id",
                "--time-col", "date", "--value-col", "t", "--bootstrap-server", "127.0.0.1:1", "--connect-timeout", "1s");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("Error: " + resource("office-semicolon.csv") + ":2: column 'date': '30/03/2024 23:00' is not an ISO-8601 time")
                .endsWith("give its pattern, e.g. --time-format 'dd/MM/yyyy HH:mm'");
    }

    @Test
    void negativeMaxBad() {
        assertUsageError("Argument error: --max-bad: must be 0 or more, got -1", "replay", ours(), "--max-bad", "-1");
    }
}
