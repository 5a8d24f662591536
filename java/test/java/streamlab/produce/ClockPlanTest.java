package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.beust.jcommander.JCommander;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Where produce starts its clock: with --count or --duration and a pace faster than real time, early enough
 * that no reading is ahead of the wall clock when sent (process's --max-future would send it to the DLQ);
 * a warning naming --start and --max-future when a run goes ahead anyway.
 */
class ClockPlanTest {
    static final long NOW = 1_800_000_000_000L;
    static final long HOUR = 3_600_000L;

    static ProduceCommand parse(String args) {
        ProduceCommand c = new ProduceCommand();
        JCommander.newBuilder().addObject(c).build().parse(args.isBlank() ? new String[0] : args.strip().split("\\s+"));
        c.validate();
        return c;
    }

    /**
     * Every reading of the run, at event offset x, is sent at wall offset x / speed at the earliest: the most
     * it is ahead of the wall clock is start + x - (now + x / speed), worst at the last reading.
     */
    static long worstAhead(ProduceCommand c, ClockPlan p) {
        long span = c.spanMs();
        double speed = c.eventSpeed();
        long worst = Long.MIN_VALUE;
        for (int i = 0; i <= 100; i++) {
            double x = span * (i / 100.0);
            worst = Math.max(worst, (long) Math.ceil(p.startMs() + x - (NOW + x / speed)));
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the run: 300,000 readings of 50 sensors, as fast as possible: 5,999 ticks of 1 s
            "--sensors 50 --count 300000 --rate max                          | 5999000",
            // the README's --speedup 60, bounded: 5 h of event time in 5 min, so 4h55m back
            "--speedup 60 --duration 5m                                      | 17700000",
            // 2000 records/s of 10 sensors: 200 s of event time per second, for 60 s
            "--rate 2000 --duration 1m                                       | 11940000",
            // count and duration: the smaller span counts (100 ticks of 1s, at 10x: 99 s -> 89.1 s, whole seconds up)
            "--sensors 10 --count 1000 --duration 1h --speedup 10            | 90000",
            // silent spells can stretch a count over more event time: sized for the sensors that always report
            "--sensors 4 --silence-count 2 --count 400 --rate max            | 199000",
    })
    void aBoundedFastRunStartsEarlyEnoughThatNoReadingIsAhead(String args, long shift) {
        ProduceCommand c = parse(args);
        ClockPlan p = c.clockPlan(NOW);
        assertThat(p.shiftMs()).isEqualTo(shift);
        assertThat(p.startMs()).isEqualTo(NOW - shift);
        assertThat(p.startMs() % 1000).isZero();
        assertThat(p.aheadMs()).isLessThanOrEqualTo(0);
        assertThat(worstAhead(c, p)).isLessThanOrEqualTo(0);
        assertThat(p.warning()).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"''", "--duration 5m", "--count 10000", "--speedup 0.5 --count 100", "--rate 5 --count 100"})
    void realTimeOrSlowerStartsNow(String args) {
        ClockPlan p = parse(args).clockPlan(NOW + 123);
        assertThat(p.startMs()).isEqualTo(NOW);
        assertThat(p.shiftMs()).isZero();
        assertThat(p.warning()).isNull();
    }

    @Test
    void anExplicitStartIsKeptAndThePastNeedsNoWarning() {
        ClockPlan p = parse("--start 2024-01-01T00:00:00Z --count 900 --rate max").clockPlan(NOW);
        assertThat(p.startMs()).isEqualTo(1_704_067_200_000L);
        assertThat(p.shiftMs()).isZero();
        assertThat(p.warning()).isNull();
    }

    @Test
    void anUnboundedFastRunIsWarnedAboutOnceWithWhatToDo() {
        ClockPlan p = parse("--speedup 60 --spike-rate 0.01").clockPlan(NOW);
        assertThat(p.startMs()).isEqualTo(NOW);
        assertThat(p.aheadMs()).isEqualTo(Long.MAX_VALUE);
        // 5 min ahead after 300 s / 59
        assertThat(p.warning()).startsWith("produce: warning: event time runs up to 60x real time with no --count or --duration")
                .contains("more than 5m ahead after about 5s").contains("--max-future").contains("--start")
                .contains("--count or --duration").doesNotContain("\n");

        assertThat(parse("--rate max --duration 1m").clockPlan(NOW).warning())
                .contains("as fast as possible").contains("--duration does not fix").contains("within a second");
        assertThat(parse("--sensors 2 --silence-count 2 --count 100 --rate max").clockPlan(NOW).warning())
                .contains("--silence-count");
    }

    @Test
    void aStartThatPutsTheRunAheadIsWarnedAbout() {
        ClockPlan future = parse("--start " + (NOW + 2 * HOUR) + " --count 100").clockPlan(NOW);
        assertThat(future.aheadMs()).isEqualTo(2 * HOUR);
        assertThat(future.warning()).contains("up to 2h ahead of the wall clock").contains("--start")
                .contains("run process with --max-future 2h");

        // from now at 60x for 10 min: the last reading is 10 h - 10 min ahead
        ClockPlan fast = parse("--start " + NOW + " --speedup 60 --duration 10m").clockPlan(NOW);
        assertThat(fast.aheadMs()).isEqualTo(10 * HOUR - 10 * 60_000L);
        assertThat(fast.warning()).contains("up to 9h50m ahead").contains("--max-future 10h");

        assertThat(parse("--start " + (NOW + 500) + " --count 100").clockPlan(NOW).warning()).as("rounding").isNull();
    }

    @Test
    void roundingForMessages() {
        assertThat(ClockPlan.approx(4.6)).isEqualTo("5s");
        assertThat(ClockPlan.approx(17_700)).isEqualTo("4h55m");
        assertThat(ClockPlan.approx(3_600.4)).isEqualTo("1h");
        assertThat(ClockPlan.approx(3 * 86_400)).isEqualTo("3d");
        assertThat(ClockPlan.roundUp(61_000)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ClockPlan.roundUp(HOUR + 1)).isEqualTo(Duration.ofHours(2));
    }
}
