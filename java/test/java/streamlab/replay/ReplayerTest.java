package streamlab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static streamlab.replay.ReplayFiles.resource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import streamlab.codec.Reading;

class ReplayerTest {
    private static final EventTimePacer MAX = new EventTimePacer(Double.POSITIVE_INFINITY, EventTimePacer.SYSTEM);

    private static Replayer.Opener text(String csv) {
        return () -> CsvReadingSource.of(new StringReader(csv), "data.csv", CsvLayout.ours(), false);
    }

    @Test
    void loopShiftsEventTimeBySpanPlusIntervalAndContinuesSeq() {
        // Two sensors, 1 s apart, span 2 s: each pass moves 3 s forward.
        List<Reading> sink = new ArrayList<>();
        Replayer r = new Replayer(() -> CsvReadingSource.open(resource("ours.csv"), "ours.csv", CsvLayout.ours(), false),
                MAX, sink::add, 3, () -> false);
        Replayer.Result result = r.run();
        assertThat(result.passes()).isEqualTo(3);
        assertThat(result.readings()).isEqualTo(18);
        assertThat(result.stopped()).isFalse();
        assertThat(r.loopShift().periodMillis()).isEqualTo(3_000);
        assertThat(sink.subList(0, 6)).extracting(Reading::ts).containsExactly(
                1714521600000L, 1714521600000L, 1714521601000L, 1714521601000L, 1714521602000L, 1714521602000L);
        assertThat(sink.subList(6, 8)).containsExactly(
                new Reading("s-01", 1714521603000L, 3, 21.5), new Reading("s-02", 1714521603000L, 3, 19.25));
        assertThat(sink.get(17)).isEqualTo(new Reading("s-02", 1714521608000L, 8, 19.0));
        // Per sensor, event time strictly increases and seq runs 0..8 without gaps or repeats.
        for (String sensor : List.of("s-01", "s-02")) {
            List<Reading> mine = sink.stream().filter(x -> x.sensor().equals(sensor)).toList();
            assertThat(mine).extracting(Reading::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            for (int i = 1; i < mine.size(); i++) assertThat(mine.get(i).ts()).isGreaterThan(mine.get(i - 1).ts());
        }
    }

    @Test
    void loopContinuesSeqAfterTheHighestSeqOfEachSensor() {
        List<Reading> sink = new ArrayList<>();
        new Replayer(text("sensor,ts,seq,temperature\na,0,5,1\nb,500,0,2\na,2000,7,3\n"), MAX, sink::add, 2, () -> false).run();
        // span 2000 + interval 2000 (a's only gap; b has one reading)
        assertThat(sink.subList(3, 6)).containsExactly(
                new Reading("a", 4000, 13, 1), new Reading("b", 4500, 1, 2), new Reading("a", 6000, 15, 3));
    }

    @Test
    void singleReadingFileLoopsOneDefaultIntervalApart() {
        List<Reading> sink = new ArrayList<>();
        new Replayer(text("sensor,ts,temperature\na,1000,1\n"), MAX, sink::add, 3, () -> false).run();
        assertThat(sink).extracting(Reading::ts).containsExactly(1000L, 2000L, 3000L);
        assertThat(sink).extracting(Reading::seq).containsExactly(0L, 1L, 2L);
    }

    @Test
    void fileWithoutGoodRowsDoesNotLoopForever() {
        List<Reading> sink = new ArrayList<>();
        Replayer.Result result = new Replayer(text("sensor,ts,seq,temperature\n"), MAX, sink::add, Long.MAX_VALUE, () -> false).run();
        assertThat(result.passes()).isEqualTo(1);
        assertThat(sink).isEmpty();
    }

    @Test
    void stopRequestEndsTheReplayBetweenReadings() {
        List<Reading> sink = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Replayer.Result result = new Replayer(() -> CsvReadingSource.open(resource("ours.csv"), "ours.csv", CsvLayout.ours(), false),
                MAX, r -> {
                    sink.add(r);
                    if (sink.size() == 10) stop.set(true);
                }, Long.MAX_VALUE, stop::get).run();
        assertThat(result.stopped()).isTrue();
        assertThat(result.passes()).isEqualTo(2);
        assertThat(sink).hasSize(10);
    }

    @Test
    void badRowPropagatesAfterTheRowsBeforeItWereHandedOn() {
        List<Reading> sink = new ArrayList<>();
        Replayer r = new Replayer(() -> CsvReadingSource.open(resource("bad-rows.csv"), "bad-rows.csv", CsvLayout.ours(), false),
                MAX, sink::add, 1, () -> false);
        assertThatThrownBy(r::run).isInstanceOf(BadRowException.class).hasMessageStartingWith("bad-rows.csv:3: ");
        assertThat(sink).containsExactly(new Reading("s-01", 1714521600000L, 0, 21.5));
    }

    @Test
    void skippedRowsAreReportedOnceForTheFileNotPerPass() {
        List<Reading> sink = new ArrayList<>();
        Replayer.Result result = new Replayer(() -> CsvReadingSource.open(resource("bad-rows.csv"), "bad-rows.csv", CsvLayout.ours(), true),
                MAX, sink::add, 2, () -> false).run();
        assertThat(sink).hasSize(6);
        assertThat(result.badRows().count()).isEqualTo(7);
    }

    @Test
    void positionNamesPassPercentAndEventTime() {
        Replayer r = new Replayer(() -> CsvReadingSource.open(resource("ours.csv"), "ours.csv", CsvLayout.ours(), false),
                MAX, x -> { }, 2, () -> false);
        assertThat(r.position()).isEqualTo("pass 1, event time -");
        r.run();
        assertThat(r.position()).isEqualTo("pass 2, 100% of file, event time 2024-05-01T00:00:05Z");
    }
}
