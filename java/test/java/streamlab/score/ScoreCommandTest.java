package streamlab.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.testkit.CliRun;

/** Matching on hand-made truth and alert files: exact counts, precision, recall, delays and exit codes. */
class ScoreCommandTest {
    @TempDir
    Path tmp;

    static final String TRUTH = """
            sensor,kind,start,end
            a,spike,100000,100000
            a,spike,500000,500000
            b,spike,300000,300000
            a,stuck,1000000,1120000
            b,silence,2000000,2119000
            a,late,7000,7000
            b,malformed,8000,8000
            b,malformed,9000,9000
            """;

    static Alert alert(String sensor, String kind, long start, Long end, String rule) {
        return new Alert(sensor, kind, start, end, 1.0, rule, 1);
    }

    Path alertsFile(Alert... alerts) throws Exception {
        StringBuilder b = new StringBuilder();
        for (Alert a : alerts) b.append(new String(AlertCodec.encodeJson(a), StandardCharsets.UTF_8)).append('\n');
        // a window line of report --output jsonl, which score must skip
        b.append("{\"type\":\"window\",\"sensor\":\"a\",\"window_start\":0}\n");
        Path f = tmp.resolve("alerts.jsonl");
        Files.writeString(f, b);
        return f;
    }

    static final Alert[] ALERTS = {
            // spike a@100 s found (open, then closed: one episode), 4 s late within the tolerance
            alert("a", "spike", 104000, null, "zscore>4"),
            alert("a", "spike", 104000, 104000L, "zscore>4"),
            // the other sensor's spike time is no match for a: a false alarm
            alert("a", "spike", 300000, 300000L, "jump>10"),
            // stuck found: raised 10 s after it started
            alert("a", "stuck", 1000000, null, "unchanged>=10s"),
            alert("a", "stuck", 1000000, 1120000L, "unchanged>=10s"),
            // silence starts at the last reading heard, 1 s before the first missing one; raised 20 s later
            alert("b", "silence", 1999000, 2120000L, "silence>20s"),
            alert("b", "resumed", 2120000, 2120000L, "silence>20s"),
            alert("b", "threshold-high", 5000, 6000L, "temperature>30"),
    };

    @Test
    void countsPrecisionRecallAndDelaysPerKind() throws Exception {
        Path truth = tmp.resolve("truth.csv");
        Files.writeString(truth, TRUTH);
        List<Scorer.KindScore> rows = Scorer.score(TruthFile.read(truth), AlertSource.readFile(alertsFile(ALERTS)), 60_000);
        Scorer.KindScore spike = rows.get(0);
        assertThat(spike.kind()).isEqualTo("spike");
        assertThat(List.of(spike.injected(), spike.detected(), spike.missed(), spike.alerts(), spike.falseAlarms()))
                .containsExactly(3, 1, 2, 2, 1);
        assertThat(spike.precision()).isEqualTo(0.5);
        assertThat(spike.recall()).isEqualTo(1 / 3.0);
        assertThat(spike.delays()).containsExactly(4000L);
        Scorer.KindScore stuck = rows.get(1);
        assertThat(List.of(stuck.injected(), stuck.detected(), stuck.alerts(), stuck.falseAlarms())).containsExactly(1, 1, 1, 0);
        assertThat(stuck.medianDelay()).isEqualTo(10_000);
        Scorer.KindScore silence = rows.get(2);
        assertThat(List.of(silence.injected(), silence.detected(), silence.alerts(), silence.falseAlarms())).containsExactly(1, 1, 1, 0);
        assertThat(silence.maxDelay()).isEqualTo(19_000);
        assertThat(rows.get(3).kind()).isEqualTo("seq-gap");
        assertThat(rows.get(3).alerts()).isZero();
        assertThat(rows.subList(4, rows.size())).extracting(Scorer.KindScore::kind)
                .containsExactly("late", "malformed", "resumed", "threshold-high");
        assertThat(rows.get(5).injected()).isEqualTo(2);
        assertThat(rows.get(5).note()).startsWith("not alerted by design");
    }

    @Test
    void toleranceDecidesWhetherANearbyAlertMatches() throws Exception {
        Path truth = tmp.resolve("truth.csv");
        Files.writeString(truth, "sensor,kind,start,end\na,spike,100000,100000\n");
        Path alerts = alertsFile(alert("a", "spike", 104000, 104000L, "zscore>4"));
        assertThat(Scorer.score(TruthFile.read(truth), AlertSource.readFile(alerts), 5_000).get(0).detected()).isEqualTo(1);
        assertThat(Scorer.score(TruthFile.read(truth), AlertSource.readFile(alerts), 3_000).get(0).detected()).isZero();
    }

    @Test
    void exitCodeFollowsMinRecallAndMinPrecision() throws Exception {
        Path truth = tmp.resolve("truth.csv");
        Files.writeString(truth, TRUTH);
        Path alerts = alertsFile(ALERTS);
        CliRun ok = CliRun.of("score", "--truth", truth.toString(), "--alerts-file", alerts.toString(), "--min-recall", "0.3");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).containsPattern("(?m)^spike\\s+3\\s+1\\s+2\\s+1\\s+0\\.500\\s+0\\.333\\s+4s\\s+4s$")
                .containsPattern("(?m)^stuck\\s+1\\s+1\\s+0\\s+0\\s+1\\.000\\s+1\\.000\\s+10s\\s+10s$")
                .contains("not alerted by design");

        CliRun low = CliRun.of("score", "--truth", truth.toString(), "--alerts-file", alerts.toString(), "--min-recall", "0.95");
        assertThat(low.exit()).isEqualTo(1);
        assertThat(low.err().strip()).isEqualTo("score: below the bar: spike recall 0.333 < --min-recall 0.95");

        CliRun prec = CliRun.of("score", "--truth", truth.toString(), "--alerts-file", alerts.toString(), "--min-precision", "0.9");
        assertThat(prec.exit()).isEqualTo(1);
        assertThat(prec.err()).contains("spike precision 0.500 < --min-precision 0.9");
    }

    @Test
    void badInputIsOneLineNamingFileAndLine() throws Exception {
        Path truth = tmp.resolve("truth.csv");
        Files.writeString(truth, "sensor,kind,start,end\na,spike,100000,100000\na,spike,soon,1\n");
        Path alerts = alertsFile();
        CliRun bad = CliRun.of("score", "--truth", truth.toString(), "--alerts-file", alerts.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains(truth + ":3: column 'start': 'soon' is not epoch ms");

        Files.writeString(truth, TRUTH);
        Files.writeString(alerts, "{\"sensor\":\"a\"}\n");
        bad = CliRun.of("score", "--truth", truth.toString(), "--alerts-file", alerts.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains(alerts + ":1: not an alert: missing field 'kind'");

        CliRun noTopic = CliRun.of("score", "--truth", truth.toString(), "--alerts-topic", " ");
        assertThat(noTopic.exit()).isEqualTo(2);
        assertThat(noTopic.err()).contains("--alerts-topic must not be empty");
    }

}
