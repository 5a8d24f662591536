package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import streamlab.codec.WindowResult;

/** The windowing and lateness rule of the job, without Spark. */
class SensorWindowsTest {
    static final SensorWindows.WindowSpecMs TUMBLING = new SensorWindows.WindowSpecMs(60_000, 60_000);
    static final SensorWindows.WindowSpecMs SLIDING = new SensorWindows.WindowSpecMs(60_000, 20_000);

    @Test
    void aWindowIsWrittenOnceWhenTheWatermarkReachesItsEnd() {
        SensorWindows w = new SensorWindows();
        assertThat(w.add(TUMBLING, 0, 10_000, 1, 20.0)).isFalse();
        assertThat(w.add(TUMBLING, 0, 59_999, 2, 22.0)).isFalse();
        assertThat(w.add(TUMBLING, 0, 60_000, 3, 30.0)).isFalse();

        assertThat(w.emit("s", 59_999, false, 7)).isEmpty();
        assertThat(w.nextEnd()).isEqualTo(60_000);
        List<WindowResult> out = w.emit("s", 60_000, false, 7);
        assertThat(out).containsExactly(new WindowResult("s", 0, 60_000, 2, 20.0, 22.0, 21.0, 1.0, 10_000, 59_999, 0, 7));
        assertThat(w.emit("s", 60_000, false, 8)).isEmpty();
        assertThat(w.nextEnd()).isEqualTo(120_000);
    }

    @Test
    void aReadingForAClosedWindowIsLateAndNotMerged() {
        SensorWindows w = new SensorWindows();
        w.add(TUMBLING, 0, 70_000, 1, 20.0);
        // watermark 60 s: the window [0, 60 s) is final, [60 s, 120 s) is not
        assertThat(w.add(TUMBLING, 60_000, 59_999, 0, 99.0)).isTrue();
        assertThat(w.add(TUMBLING, 60_000, 60_000, 2, 21.0)).isFalse();
        assertThat(w.emit("s", Long.MAX_VALUE, false, 0)).singleElement()
                .satisfies(r -> assertThat(r.count()).isEqualTo(2)).satisfies(r -> assertThat(r.max()).isEqualTo(21.0));
    }

    @Test
    void slidingWindowsTakeAReadingInEachOpenWindowThatHoldsIt() {
        SensorWindows w = new SensorWindows();
        // 50 s lies in [0, 60), [20, 80) and [40, 100) s
        assertThat(w.add(SLIDING, 0, 50_000, 1, 20.0)).isFalse();
        assertThat(w.open).extracting(a -> a.start).containsExactly(0L, 20_000L, 40_000L);
        // with the watermark at 60 s, 55 s still counts in [20, 80) and [40, 100) but misses [0, 60): late
        assertThat(w.add(SLIDING, 60_000, 55_000, 2, 21.0)).isTrue();
        List<WindowResult> out = w.emit("s", Long.MAX_VALUE, false, 0);
        assertThat(out).extracting(WindowResult::windowStart, WindowResult::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 1L), org.assertj.core.groups.Tuple.tuple(20_000L, 2L),
                        org.assertj.core.groups.Tuple.tuple(40_000L, 2L));
    }

    @Test
    void updateModeWritesEveryChangedWindowAndNothingOnClose() {
        SensorWindows w = new SensorWindows();
        w.add(TUMBLING, 0, 1_000, 1, 20.0);
        assertThat(w.emit("s", 0, true, 1)).extracting(WindowResult::count).containsExactly(1L);
        assertThat(w.emit("s", 0, true, 2)).isEmpty();
        w.add(TUMBLING, 0, 2_000, 2, 24.0);
        assertThat(w.emit("s", 0, true, 3)).extracting(WindowResult::count).containsExactly(2L);
        assertThat(w.emit("s", 60_000, true, 4)).as("closed without change: already written").isEmpty();
        assertThat(w.open).isEmpty();
    }

    @Test
    void windowsBeforeTheEpochAlignLikeSparks() {
        SensorWindows w = new SensorWindows();
        w.add(TUMBLING, Long.MIN_VALUE, -1, 1, 5.0);
        assertThat(w.open).singleElement().satisfies(a -> {
            assertThat(a.start).isEqualTo(-60_000);
            assertThat(a.end).isZero();
        });
    }
}
