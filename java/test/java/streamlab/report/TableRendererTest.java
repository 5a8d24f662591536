package streamlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static streamlab.report.Fixtures.alert;
import static streamlab.report.Fixtures.item;
import static streamlab.report.Fixtures.window;

import java.util.List;
import org.junit.jupiter.api.Test;
import streamlab.codec.Alert;

class TableRendererTest {
    private static final TableRenderer.Header HEADER = new TableRenderer.Header("report, alerts", "g1", 2.5, 0L);

    private static DashboardState smallState() {
        DashboardState s = new DashboardState(100, 100);
        double[] a = {20.0, 21.0, 22.0, 23.0};
        for (int i = 0; i < a.length; i++) s.apply(item(window("s-01", i, a[i])));
        double[] b = {30.0, 32.0, 34.0, 33.0};
        for (int i = 0; i < b.length; i++) s.apply(item(window("s-02", i, b[i])));
        s.apply(item(window("s-02", 3, 33.0))); // redelivery: must not show twice
        s.apply(item(window("s-03", 0, 18.0)));
        s.apply(item(alert("s-02", Alert.THRESHOLD_HIGH, 1, null, 34.5)));
        s.apply(item(alert("s-01", Alert.SPIKE, 2, 2, 41.0)));
        return s;
    }

    @Test
    void namesTheTopicsThatDoNotExistYet() {
        TableRenderer.Header h = new TableRenderer.Header("report, alerts", "g1", 0, null, List.of("alerts"));
        List<String> lines = TableRenderer.render(new DashboardState(100, 100), h, 120, 30, false);
        assertThat(lines.get(1)).isEqualTo("newest window none yet  topics report, alerts  group g1  not there yet: alerts");
        assertThat(TableRenderer.render(new DashboardState(100, 100), HEADER, 120, 30, false).get(1)).doesNotContain("not there");
    }

    @Test
    void rendersExactLinesAtAGivenWidthWithoutColours() {
        List<String> lines = TableRenderer.render(smallState(), HEADER, 100, 30, false);
        assertThat(lines).containsExactly(
                "streamlab report  windows 9  alerts 2  in 2.5 rec/s  lag 0  duplicates 1",
                "newest window 2024-01-01 10:03:00-10:04:00 UTC  topics report, alerts  group g1",
                "",
                "SENSOR WINDOW (UTC)       COUNT     MIN     AVG     MAX  TREND                              STATE",
                "s-02   10:03:00-10:04:00     60   32.00   33.00   34.00  ▁▅█▆                               alerting",
                "s-03   10:00:00-10:01:00     60   17.00   18.00   19.00  ▄                                  silent",
                "s-01   10:03:00-10:04:00     60   22.00   23.00   24.00  ▁▃▆█                               ok",
                "",
                "ALERTS (newest first)",
                "10:02:13 s-01   spike            41.00  ended 10:02:00 spike rule",
                "10:01:13 s-02   threshold-high   34.50  open           temperature > 30.0");
    }

    @Test
    void aNarrowerTerminalDropsTheWindowTimesAndShortensTheTrend() {
        // the sparkline is scaled to the three averages it shows, not to the whole history
        List<String> lines = TableRenderer.render(smallState(), HEADER, 60, 30, false, 3);
        assertThat(lines.subList(3, 7)).containsExactly(
                "SENSOR  COUNT     MIN     AVG     MAX  TRE STATE",
                "s-02       60   32.00   33.00   34.00  ▁█▅ alerting",
                "s-03       60   17.00   18.00   19.00  ▄   silent",
                "s-01       60   22.00   23.00   24.00  ▁▅█ ok");
    }

    @Test
    void fitsASmallTerminalAndSaysWhatIsHidden() {
        DashboardState s = smallState();
        for (int i = 10; i < 20; i++) s.apply(item(window("x-" + i, 3, 20)));
        List<String> lines = TableRenderer.render(s, HEADER, 60, 12, false);
        assertThat(lines).hasSize(12);
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
        assertThat(lines.get(4)).startsWith("s-02 ").contains("alerting");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\.\\.\\. \\d+ more sensors .*"));
        assertThat(lines.get(lines.size() - 1)).contains("threshold-high");
    }

    @Test
    void coloursStatesAndAlertKindsOnlyWhenAsked() {
        String plain = String.join("\n", TableRenderer.render(smallState(), HEADER, 100, 30, false));
        String coloured = String.join("\n", TableRenderer.render(smallState(), HEADER, 100, 30, true));
        assertThat(plain).doesNotContain("\033[");
        assertThat(coloured).contains(Ansi.BOLD + Ansi.RED + "alerting" + Ansi.RESET)
                .contains(Ansi.GREEN + "ok" + Ansi.RESET)
                .contains(Ansi.RED + "threshold-high")
                .contains(Ansi.MAGENTA + "spike");
        // the same text once the escapes are removed
        assertThat(coloured.replaceAll("\033\\[[0-9;?]*[A-Za-z]", "")).isEqualTo(plain);
    }

    @Test
    void anEmptyStateSaysSo() {
        List<String> lines = TableRenderer.render(new DashboardState(10, 10), HEADER, 80, 20, false);
        assertThat(lines.get(1)).startsWith("newest window none yet");
        assertThat(lines).endsWith("ALERTS (newest first)", "(none)");
    }
}
