package streamlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static streamlab.report.Fixtures.alert;
import static streamlab.report.Fixtures.item;
import static streamlab.report.Fixtures.window;

import org.junit.jupiter.api.Test;
import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

class DashboardStateTest {
    private final DashboardState s = new DashboardState(100, 100);

    @Test
    void redeliveredWindowIsCountedOnceAndTheLatestValueWins() {
        WindowResult first = window("a", 0, 20.0);
        assertThat(s.apply(item(first))).isEqualTo(DashboardState.Outcome.NEW);
        // same aggregate, emitted again by a later micro-batch: a duplicate
        WindowResult again = new WindowResult("a", first.windowStart(), first.windowEnd(), 60, 19, 21, 20, 0.5,
                first.firstTs(), first.lastTs(), 0, first.emittedAt() + 5_000);
        assertThat(s.apply(item(again))).isEqualTo(DashboardState.Outcome.DUPLICATE);
        // a corrected value (update mode, late reading): shown as an update, replaces the old one
        WindowResult corrected = window("a", 0, 22.0);
        assertThat(s.apply(item(corrected))).isEqualTo(DashboardState.Outcome.UPDATED);

        assertThat(s.records()).isEqualTo(3);
        assertThat(s.windows()).isEqualTo(1);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.history("a")).containsExactly(corrected);
        assertThat(s.sensors(10).get(0).averages()).containsExactly(22.0);
    }

    @Test
    void alertEpisodeIsUpsertedFromOpenToClosed() {
        Alert open = alert("a", Alert.THRESHOLD_HIGH, 1, null, 35.0);
        Alert closed = alert("a", Alert.THRESHOLD_HIGH, 1, 3, 35.0);
        assertThat(s.apply(item(open))).isEqualTo(DashboardState.Outcome.NEW);
        assertThat(s.apply(item(open))).isEqualTo(DashboardState.Outcome.DUPLICATE);
        assertThat(s.status("a")).isEqualTo(SensorStatus.ALERTING);
        assertThat(s.apply(item(closed))).isEqualTo(DashboardState.Outcome.UPDATED);
        assertThat(s.alertCount()).isEqualTo(1);
        assertThat(s.alerts()).containsExactly(closed);
        assertThat(s.status("a")).isEqualTo(SensorStatus.OK);
    }

    @Test
    void statusIsOkAlertingOrSilent() {
        for (int i = 0; i <= 5; i++) s.apply(item(window("ok", i, 20)));
        for (int i = 0; i <= 5; i++) s.apply(item(window("hot", i, 31)));
        s.apply(item(alert("hot", Alert.THRESHOLD_HIGH, 4, null, 31.5)));
        // newest window 10:03, overall newest 10:05: two windows behind is still ok
        for (int i = 0; i <= 3; i++) s.apply(item(window("late", i, 20)));
        // newest window 10:02: three windows behind is silent
        for (int i = 0; i <= 2; i++) s.apply(item(window("quiet", i, 20)));
        // up to date, but the alert job says it went silent
        for (int i = 0; i <= 5; i++) s.apply(item(window("gone", i, 20)));
        s.apply(item(alert("gone", Alert.SILENCE, 5, null, Double.NaN)));

        assertThat(s.status("ok")).isEqualTo(SensorStatus.OK);
        assertThat(s.status("hot")).isEqualTo(SensorStatus.ALERTING);
        assertThat(s.status("late")).isEqualTo(SensorStatus.OK);
        assertThat(s.status("quiet")).isEqualTo(SensorStatus.SILENT);
        assertThat(s.status("gone")).isEqualTo(SensorStatus.SILENT);
        // urgent first, then by name
        assertThat(s.sensors(10)).extracting(DashboardState.SensorView::sensor)
                .containsExactly("hot", "gone", "quiet", "late", "ok");

        // a "resumed" alert ends a silence whose closing record never came
        s.apply(item(alert("gone", Alert.RESUMED, 6, 6, 20.0)));
        assertThat(s.status("gone")).isEqualTo(SensorStatus.OK);
    }

    @Test
    void keepsTheNewestWindowsAndAlertsWithinItsLimits() {
        DashboardState small = new DashboardState(3, 2);
        for (int i = 0; i < 5; i++) small.apply(item(window("a", i, i)));
        assertThat(small.history("a")).extracting(WindowResult::avg).containsExactly(2.0, 3.0, 4.0);
        for (int i = 0; i < 4; i++) small.apply(item(alert("a", Alert.SPIKE, i, i + 1, 40 + i)));
        assertThat(small.newestAlerts(10)).extracting(Alert::value).containsExactly(43.0, 42.0);
        assertThat(small.windows()).isEqualTo(5);
        assertThat(small.alertCount()).isEqualTo(4);
        assertThat(small.newestWindow().avg()).isEqualTo(4.0);
    }

    @Test
    void skippedRecordsAreCountedWithTheirReason() {
        s.apply(new Item.SkippedItem(new Item.Source("report", 1, 17), "invalid JSON: oops"));
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.records()).isEqualTo(1);
        assertThat(s.lastSkipped().source()).hasToString("report-1@17");
        assertThat(s.sensorNames()).isEmpty();
    }
}
