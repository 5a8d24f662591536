package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import streamlab.codec.DecodeException;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

class FaultInjectionTest {
    private static final int N = 20_000;

    private static FaultPlan plan(double spike, int stuck, int silence, double late, double dup, double malformed) {
        return new FaultPlan(spike, stuck, silence, late, 30_000, dup, malformed, 120_000);
    }

    private static String key(Reading r) {
        return r.sensor() + "@" + r.ts();
    }

    private static Map<String, Reading> byKey(List<Reading> rs) {
        Map<String, Reading> m = new HashMap<>();
        rs.forEach(r -> m.put(key(r), r));
        return m;
    }

    @Test
    void sameSeedSameFaultsAndTruthOtherSeedOther() {
        FaultPlan p = plan(0.01, 1, 1, 0.02, 0.01, 0.01);
        Simulated a = Simulated.run(10, N, 5, p);
        Simulated b = Simulated.run(10, N, 5, p);
        Simulated c = Simulated.run(10, N, 6, p);
        assertThat(a.readings()).isEqualTo(b.readings());
        assertThat(a.truth()).isNotEmpty().isEqualTo(b.truth());
        assertThat(c.truth()).isNotEqualTo(a.truth());
        assertThat(c.readings()).isNotEqualTo(a.readings());
    }

    @Test
    void spikesAtTheRequestedRateAndOnlyWhereTheTruthSaysSo() {
        Simulated clean = Simulated.run(10, N, 11, FaultPlan.NONE);
        Simulated spiky = Simulated.run(10, N, 11, plan(0.01, 0, 0, 0, 0, 0));
        List<Simulated.Fault> spikes = spiky.truth(FaultKind.SPIKE);
        assertThat(spikes.size()).isBetween(150, 250); // 1% of 20k = 200, sd about 14

        Map<String, Reading> cleanByKey = byKey(clean.readings());
        Map<String, Simulated.Fault> spikeAt = new HashMap<>();
        spikes.forEach(f -> {
            assertThat(f.end()).isEqualTo(f.start());
            spikeAt.put(f.sensor() + "@" + f.start(), f);
        });
        List<Reading> sent = spiky.readings();
        assertThat(sent).hasSize(N);
        for (Reading r : sent) {
            double off = Math.abs(r.temperature() - cleanByKey.get(key(r)).temperature());
            if (spikeAt.containsKey(key(r))) {
                assertThat(off).as(key(r)).isBetween(14.99, 40.01);
            } else {
                assertThat(off).as("faults never change the signal elsewhere: " + key(r)).isZero();
            }
        }
    }

    @Test
    void duplicatesLateAndMalformedAtTheirRates() {
        Simulated s = Simulated.run(10, N, 12, plan(0, 0, 0, 0.05, 0.02, 0.01));
        assertThat(s.readings()).hasSize(N);
        assertThat(s.truth(FaultKind.LATE).size()).isBetween(850, 1150);       // 1000
        assertThat(s.truth(FaultKind.DUPLICATE).size()).isBetween(330, 470);   // 400
        assertThat(s.truth(FaultKind.MALFORMED).size()).isBetween(150, 250);   // 200
        assertThat(s.count(Emission.Kind.DUPLICATE)).isEqualTo(s.truth(FaultKind.DUPLICATE).size());
        assertThat(s.count(Emission.Kind.MALFORMED)).isEqualTo(s.truth(FaultKind.MALFORMED).size());
        // a duplicate is the reading it follows, sent again at once
        List<Emission> es = s.emissions();
        for (int i = 0; i < es.size(); i++) {
            if (es.get(i).kind() == Emission.Kind.DUPLICATE) {
                assertThat(es.get(i - 1).kind()).isEqualTo(Emission.Kind.READING);
                assertThat(es.get(i).reading()).isEqualTo(es.get(i - 1).reading());
            }
        }
    }

    @Test
    void lateReadingsArriveBehindNewerOnesOfTheirSensorWithinLateMax() {
        Simulated s = Simulated.run(10, N, 13, plan(0, 0, 0, 0.05, 0, 0));
        Map<String, Long> lateTs = new HashMap<>();
        s.truth(FaultKind.LATE).forEach(f -> lateTs.put(f.sensor() + "@" + f.start(), f.start()));
        Map<String, Long> newestSent = new HashMap<>();
        int outOfOrder = 0;
        for (Emission e : s.emissions()) {
            Reading r = e.reading();
            assertThat(e.sendTime()).isGreaterThanOrEqualTo(r.ts());
            long newest = newestSent.getOrDefault(r.sensor(), Long.MIN_VALUE);
            if (lateTs.containsKey(key(r))) {
                assertThat(e.sendTime() - r.ts()).as(key(r)).isBetween(1L, 30_000L);
                // sent after the tick it is due in, so after at least one newer reading of its own sensor
                // unless the run ended first
                if (r.ts() < newest) outOfOrder++;
            } else {
                assertThat(e.sendTime()).isEqualTo(r.ts());
                assertThat(r.ts()).as("on-time readings are in event-time order").isGreaterThan(newest);
            }
            newestSent.put(r.sensor(), Math.max(newest, r.ts()));
        }
        assertThat(outOfOrder).isGreaterThan(lateTs.size() - 30);
    }

    @Test
    void malformedRecordsNeverDecodeInEitherFormat() {
        for (Format f : Format.values()) {
            Simulated s = Simulated.run(10, 1000, 3_000, 14, plan(0, 0, 0, 0, 0, 0.3), f);
            List<Emission> bad = s.emissions().stream().filter(e -> e.kind() == Emission.Kind.MALFORMED).toList();
            assertThat(bad).hasSizeGreaterThan(700);
            for (Emission e : bad) {
                assertThatThrownBy(() -> ReadingCodec.decodeAny(e.raw())).as(f + " " + e.reading())
                        .isInstanceOf(DecodeException.class);
            }
        }
        // and directly, many cuts of one record
        for (Format f : Format.values()) {
            byte[] ok = ReadingCodec.of(f).encode(new Reading("sensor-01", Simulated.START, 5, 21.37));
            SplittableRandom rng = new SplittableRandom(1);
            for (int i = 0; i < 2_000; i++) {
                byte[] b = Malformer.corrupt(ok, rng);
                assertThatThrownBy(() -> ReadingCodec.decodeAny(b)).isInstanceOf(DecodeException.class);
            }
        }
    }

    @Test
    void stuckSensorsRepeatOneValueForTheFaultLength() {
        // 1 reading/s per sensor, 10 sensors, 20k readings = 2000 s of event time; spells of 120 s
        Simulated s = Simulated.run(10, N, 15, plan(0, 2, 0, 0, 0, 0));
        List<Simulated.Fault> stuck = s.truth(FaultKind.STUCK);
        assertThat(stuck).isNotEmpty();
        assertThat(stuck.stream().map(Simulated.Fault::sensor).distinct().count()).isEqualTo(2);
        List<Reading> rs = s.readings();
        for (Simulated.Fault f : stuck) {
            List<Double> values = rs.stream().filter(r -> r.sensor().equals(f.sensor())
                    && r.ts() >= f.start() && r.ts() <= f.end()).map(Reading::temperature).distinct().toList();
            assertThat(values).as(f.toString()).hasSize(1);
            if (f.end() < rs.get(rs.size() - 1).ts()) assertThat(f.end() - f.start()).isEqualTo(119_000);
        }
        // spells end: between spells the value moves again
        Simulated.Fault first = stuck.get(0);
        assertThat(rs.stream().filter(r -> r.sensor().equals(first.sensor()) && r.ts() > first.end()
                && r.ts() < first.end() + 60_000).map(Reading::temperature).distinct().count()).isGreaterThan(5);
    }

    @Test
    void silentSensorsSendNothingAndKeepSeqContiguous() {
        Simulated clean = Simulated.run(10, N, 16, FaultPlan.NONE);
        Simulated s = Simulated.run(10, N, 16, plan(0, 0, 3, 0, 0, 0));
        List<Simulated.Fault> silences = s.truth(FaultKind.SILENCE);
        assertThat(silences.stream().map(Simulated.Fault::sensor).distinct().count()).isEqualTo(3);
        List<Reading> rs = s.readings();
        assertThat(rs).hasSize(N); // the count is of readings sent, so the run is longer
        for (Simulated.Fault f : silences) {
            assertThat(rs).noneMatch(r -> r.sensor().equals(f.sensor()) && r.ts() >= f.start() && r.ts() <= f.end());
        }
        Map<String, Reading> cleanByKey = byKey(clean.readings());
        Map<String, Long> nextSeq = new HashMap<>();
        for (Reading r : rs) {
            long expected = nextSeq.getOrDefault(r.sensor(), 0L);
            assertThat(r.seq()).as(key(r)).isEqualTo(expected);
            nextSeq.put(r.sensor(), expected + 1);
            Reading c = cleanByKey.get(key(r));
            if (c != null) assertThat(r.temperature()).isEqualTo(c.temperature());
        }
    }

    @Test
    void seqIsContiguousPerSensorWithEveryFaultOn() {
        Simulated s = Simulated.run(10, N, 17, plan(0.01, 1, 1, 0.05, 0.02, 0.01));
        Map<String, List<Long>> seqs = new HashMap<>();
        s.readings().forEach(r -> seqs.computeIfAbsent(r.sensor(), k -> new ArrayList<>()).add(r.seq()));
        seqs.forEach((sensor, list) -> {
            List<Long> sorted = list.stream().sorted().toList();
            for (int i = 0; i < sorted.size(); i++) assertThat(sorted.get(i)).as(sensor).isEqualTo(i);
        });
    }

    @Test
    void changingARateDoesNotMoveTheEpisodes() {
        Simulated a = Simulated.run(10, N, 18, plan(0, 1, 1, 0, 0, 0));
        Simulated b = Simulated.run(10, N, 18, plan(0.05, 1, 1, 0.05, 0.05, 0));
        assertThat(b.truth(FaultKind.STUCK)).isEqualTo(a.truth(FaultKind.STUCK));
        assertThat(b.truth(FaultKind.SILENCE)).isEqualTo(a.truth(FaultKind.SILENCE));
    }
}
