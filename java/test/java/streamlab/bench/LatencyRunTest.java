package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LatencyRunTest {
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void aWindowClosesWhenTheReadingAWatermarkPastItsEndIsSent() {
        // speedup 2: event time runs twice as fast as the wall clock; the first window [start, start+1m) closes
        // with the reading at start + 90 s of event time, 45 s after the first reading was sent
        double[] l = LatencyRun.latency(T0, new BigDecimal("2"), LatencyRun.START_MS, T0 + 45_850);
        assertThat(l).containsExactly(850.0, 45_000.0);
        double[] second = LatencyRun.latency(T0, new BigDecimal("2"), LatencyRun.START_MS + 60_000, T0 + 75_400);
        assertThat(second).containsExactly(400.0, 75_000.0);
    }

    @Test
    void aFractionalSpeedupStretchesTheClosingTime() {
        double[] l = LatencyRun.latency(T0, new BigDecimal("0.5"), LatencyRun.START_MS, T0 + 181_000);
        assertThat(l).containsExactly(1_000.0, 180_000.0);
    }
}
