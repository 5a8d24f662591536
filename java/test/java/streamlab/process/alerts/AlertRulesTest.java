package streamlab.process.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import streamlab.codec.Alert;
import streamlab.codec.Reading;

/**
 * The rules on hand-made readings, no Spark: windows of 10 s, so stuck after 10 s, silence after 20 s; a
 * watermark of 5 s. Readings every second from T0.
 */
class AlertRulesTest {
    static final long T0 = 1_700_000_000_000L;
    static final long NOW = 42;
    static final AlertOptions O = AlertOptions.defaults(Duration.ofSeconds(10), Duration.ofSeconds(5));

    static Reading r(long sec, long seq, double temp) {
        return new Reading("s1", T0 + sec * 1000, seq, temp);
    }

    /** Quiet readings 20.0, 20.3, 20.0, ... for seconds [from, to), seq = second. */
    static List<Reading> quiet(long from, long to) {
        List<Reading> out = new ArrayList<>();
        for (long s = from; s < to; s++) out.add(r(s, s, s % 2 == 0 ? 20.0 : 20.3));
        return out;
    }

    static final class Run {
        final AlertRules rules;
        SensorAlertState state = new SensorAlertState("s1");
        final List<Alert> alerts = new ArrayList<>();

        Run(AlertOptions o) {
            rules = new AlertRules(o);
        }

        List<Alert> batch(List<Reading> readings, long watermark) {
            List<Alert> a = rules.apply(state, readings, watermark, NOW);
            alerts.addAll(a);
            return a;
        }

        List<Alert> tick(long watermark) {
            List<Alert> a = rules.timeout(state, watermark, NOW);
            alerts.addAll(a);
            return a;
        }

        List<Alert> of(String kind) {
            return alerts.stream().filter(a -> a.kind().equals(kind)).toList();
        }
    }

    static Alert alert(String kind, long start, Long end, double value, String rule) {
        return new Alert("s1", kind, start, end, value, rule, NOW);
    }

    /** The last version of each episode, as a reader that upserts by key keeps them. */
    static Map<String, Alert> episodes(List<Alert> alerts) {
        Map<String, Alert> m = new LinkedHashMap<>();
        for (Alert a : alerts) m.put(a.key(), a);
        return m;
    }

    @Test
    void zscoreSpikeFiresOnTheReadingAndDoesNotMoveTheMean() {
        Run run = new Run(O);
        run.batch(quiet(0, 40), 0);
        double mean = run.state.mean;
        double var = run.state.var;
        assertThat(run.alerts).isEmpty();

        List<Alert> a = run.batch(List.of(r(40, 40, 23.0)), 0);
        assertThat(a).containsExactly(alert(Alert.SPIKE, T0 + 40_000, null, 23.0, "zscore>4"));
        assertThat(run.state.mean).isEqualTo(mean);
        assertThat(run.state.var).isEqualTo(var);

        a = run.batch(List.of(r(41, 41, 20.3)), 0);
        assertThat(a).containsExactly(alert(Alert.SPIKE, T0 + 40_000, T0 + 40_000L, 23.0, "zscore>4"));
        // 2.85 degrees off is a spike, 1.85 is not: the floor of 0.5 keeps a quiet sensor from alarming on wobbles
        run.batch(List.of(r(42, 42, 22.0)), 0);
        assertThat(run.of(Alert.SPIKE)).hasSize(2);
    }

    @Test
    void jumpRuleFiresDuringWarmUpAndTheNextReadingIsJudgedAgainstTheLastGoodOne() {
        Run run = new Run(O);
        run.batch(List.of(r(0, 0, 20.0), r(1, 1, 20.1), r(2, 2, 35.0), r(3, 3, 20.2)), 0);
        assertThat(run.alerts).containsExactly(
                alert(Alert.SPIKE, T0 + 2000, null, 35.0, "jump>10"),
                alert(Alert.SPIKE, T0 + 2000, T0 + 2000L, 35.0, "jump>10"));
    }

    @Test
    void consecutiveSpikesAreOneEpisodeAndALastingLevelIsAccepted() {
        Run run = new Run(O);
        run.batch(quiet(0, 30), 0);
        List<Reading> high = new ArrayList<>();
        for (long s = 30; s < 40; s++) high.add(r(s, s, 45.0 + (s % 2) * 0.2));
        run.batch(high, 0);
        // five spikes in a row: one episode from 30 s to 34 s, then 45 is the new normal
        assertThat(episodes(run.alerts).values()).containsExactly(alert(Alert.SPIKE, T0 + 30_000, T0 + 34_000L, 45.2, "zscore>4"));
    }

    @Test
    void stuckFiresExactlyAfterStuckForAndIsOneEpisode() {
        Run run = new Run(O);
        run.batch(quiet(0, 30), 0);
        List<Reading> same = new ArrayList<>();
        for (long s = 30; s < 100; s++) same.add(r(s, s, 20.11));
        // the run starts at 30 s; at 40 s it has lasted 10 s
        run.batch(same.subList(0, 10), 0);
        assertThat(run.of(Alert.STUCK)).isEmpty();
        List<Alert> a = run.batch(same.subList(10, 11), 0);
        assertThat(a).containsExactly(alert(Alert.STUCK, T0 + 30_000, null, 20.11, "unchanged>=10s"));
        run.batch(same.subList(11, same.size()), 0);
        a = run.batch(List.of(r(100, 100, 20.0)), 0);
        assertThat(a).containsExactly(alert(Alert.STUCK, T0 + 30_000, T0 + 99_000L, 20.11, "unchanged>=10s"));
        assertThat(run.of(Alert.STUCK)).hasSize(2);
        // a stuck spell does not collapse the variance: the sensor's normal wobble after it is no spike
        run.batch(quiet(101, 130), 0);
        assertThat(run.of(Alert.SPIKE)).isEmpty();
    }

    @Test
    void silenceFiresWhenTheWatermarkPassesAndResumedCarriesTheGap() {
        Run run = new Run(O);
        run.batch(quiet(0, 11), 0);
        long last = T0 + 10_000;
        assertThat(run.rules.nextTimeout(run.state)).isEqualTo(last + 20_000);
        assertThat(run.tick(last + 20_000)).isEmpty();
        assertThat(run.tick(last + 20_001)).containsExactly(alert(Alert.SILENCE, last, null, Double.NaN, "silence>20s"));
        assertThat(run.tick(last + 50_000)).isEmpty();
        List<Alert> a = run.batch(List.of(r(75, 11, 20.1)), last + 50_000);
        assertThat(a).containsExactly(
                alert(Alert.SILENCE, last, T0 + 75_000L, Double.NaN, "silence>20s"),
                alert(Alert.RESUMED, T0 + 75_000, T0 + 75_000L, 65.0, "silence>20s"));
        assertThat(run.of(Alert.SEQ_GAP)).isEmpty();
    }

    @Test
    void aGapInsideOneBatchGivesTheSameEpisodesAsTimeoutsAcrossWindows() {
        // 1x: batches of 5 s with the watermark trailing; the gap from 12 s to 47 s crosses three 10 s windows
        List<Reading> all = new ArrayList<>(quiet(0, 13));
        List<Reading> after = quiet(47, 60);
        for (int i = 0; i < after.size(); i++) all.add(r(47 + i, 13 + i, after.get(i).temperature()));
        Run slow = new Run(O);
        long maxTs = 0;
        for (long b = 0; b < 60; b += 5) {
            List<Reading> batch = new ArrayList<>();
            for (Reading x : all) if (x.ts() >= T0 + b * 1000 && x.ts() < T0 + (b + 5) * 1000) batch.add(x);
            long wm = maxTs == 0 ? 0 : maxTs - 5_000;
            // other sensors keep the watermark moving while this one is silent
            wm = Math.max(wm, T0 + b * 1000 - 5_000);
            if (batch.isEmpty()) slow.tick(wm); else slow.batch(batch, wm);
            for (Reading x : batch) maxTs = Math.max(maxTs, x.ts());
        }
        // 100x: everything in one batch
        Run fast = new Run(O);
        fast.batch(all, 0);
        assertThat(slow.of(Alert.SILENCE).get(0).end()).isNull();
        assertThat(episodes(fast.alerts)).isEqualTo(episodes(slow.alerts));
        assertThat(episodes(fast.alerts).values()).containsExactly(
                alert(Alert.SILENCE, T0 + 12_000, T0 + 47_000L, Double.NaN, "silence>20s"),
                alert(Alert.RESUMED, T0 + 47_000, T0 + 47_000L, 35.0, "silence>20s"));
    }

    @Test
    void shuffledInputWithinABatchGivesTheSameAlertsAsSorted() {
        List<Reading> in = new ArrayList<>(quiet(0, 30));
        in.add(r(30, 30, 40.0));
        in.addAll(quiet(31, 40));
        for (long s = 40; s < 60; s++) in.add(r(s, s, 19.5));
        in.add(r(60, 63, 20.0));
        Run sorted = new Run(O);
        sorted.batch(in, T0 + 65_000);
        List<Reading> shuffled = new ArrayList<>(in);
        Collections.shuffle(shuffled, new Random(3));
        Run mixed = new Run(O);
        mixed.batch(shuffled, T0 + 65_000);
        assertThat(mixed.alerts).isEqualTo(sorted.alerts);
        assertThat(episodes(sorted.alerts).keySet()).containsExactly(
                "s1|spike|" + (T0 + 30_000), "s1|stuck|" + (T0 + 40_000), "s1|seq-gap|" + (T0 + 59_000));
    }

    @Test
    void aLateReadingFillsItsSeqGapAndADuplicateIsIgnored() {
        Run run = new Run(O);
        run.batch(quiet(0, 10), 0);
        // seq 10 and 11 are late: 12 arrives first and reveals a gap of two
        run.batch(List.of(r(12, 12, 20.0), r(12, 12, 20.0)), T0 + 5_000);
        assertThat(run.state.gapPending).isTrue();
        assertThat(run.state.gapMissing).isEqualTo(2);
        run.batch(List.of(r(10, 10, 20.0), r(10, 10, 20.0)), T0 + 6_000);
        assertThat(run.state.gapMissing).isEqualTo(1);
        run.batch(List.of(r(11, 11, 20.3), r(13, 13, 20.3)), T0 + 7_000);
        assertThat(run.state.gapPending).isFalse();
        run.tick(T0 + 20_000);
        assertThat(run.alerts).isEmpty();
    }

    @Test
    void aSeqGapIsReportedOnceTheWatermarkPassesTheReadingThatRevealedIt() {
        Run run = new Run(O);
        run.batch(quiet(0, 10), 0);
        run.batch(List.of(r(10, 13, 20.0)), T0 + 5_000);
        assertThat(run.tick(T0 + 10_000)).isEmpty();
        assertThat(run.rules.nextTimeout(run.state)).isEqualTo(T0 + 10_000);
        assertThat(run.tick(T0 + 10_001)).containsExactly(alert(Alert.SEQ_GAP, T0 + 9_000, T0 + 10_000L, 3, "seq 9->13"));
        assertThat(run.tick(T0 + 10_002)).isEmpty();
    }

    @Test
    void aLateSpikeIsAClosedOneReadingEpisode() {
        Run run = new Run(O);
        run.batch(quiet(0, 30), 0);
        run.batch(quiet(31, 35).stream().map(x -> new Reading("s1", x.ts(), x.seq(), x.temperature())).toList(), 0);
        List<Alert> a = run.batch(List.of(r(30, 30, 5.0)), 0);
        assertThat(a).containsExactly(alert(Alert.SPIKE, T0 + 30_000, T0 + 30_000L, 5.0, "zscore>4"));
    }

    @Test
    void thresholdsAreEpisodesWithTheirPeak() {
        Run run = new Run(O.withThresholds(10.0, 30.0));
        List<Reading> in = new ArrayList<>();
        double[] temps = {29.0, 30.5, 31.0, 30.2, 29.9, 9.5, 9.8};
        for (int i = 0; i < temps.length; i++) in.add(r(i, i, temps[i]));
        run.batch(in, 0);
        assertThat(run.alerts.stream().filter(x -> x.kind().startsWith("threshold")).toList()).containsExactly(
                alert(Alert.THRESHOLD_HIGH, T0 + 1000, null, 30.5, "temperature>30"),
                alert(Alert.THRESHOLD_HIGH, T0 + 1000, T0 + 3000L, 31.0, "temperature>30"),
                alert(Alert.THRESHOLD_LOW, T0 + 5000, null, 9.5, "temperature<10"));
    }

    @Test
    void restartInTheMiddleOfEpisodesGivesTheSameAlerts() throws Exception {
        List<Reading> in = new ArrayList<>(quiet(0, 30));
        for (long s = 30; s < 50; s++) in.add(r(s, s, 20.15));
        in.add(r(50, 50, 35.0));
        in.addAll(quiet(51, 60));
        List<Reading> later = quiet(90, 100);

        Run straight = new Run(O);
        straight.batch(in.subList(0, 45), 0);
        straight.batch(in.subList(45, in.size()), T0 + 40_000);
        straight.tick(T0 + 85_000);
        straight.batch(later, T0 + 85_000);

        Run restarted = new Run(O);
        restarted.batch(in.subList(0, 45), 0);
        // stuck is open here; a restart restores the state from its serialized form
        assertThat(restarted.state.stuckOpen).isTrue();
        restarted.state = roundTrip(restarted.state);
        restarted.batch(in.subList(45, in.size()), T0 + 40_000);
        restarted.state = roundTrip(restarted.state);
        restarted.tick(T0 + 85_000);
        assertThat(restarted.state.silenceOpen).isTrue();
        restarted.state = roundTrip(restarted.state);
        restarted.batch(later, T0 + 85_000);

        assertThat(restarted.alerts).isEqualTo(straight.alerts);
        assertThat(episodes(straight.alerts).keySet()).containsExactly("s1|stuck|" + (T0 + 30_000), "s1|spike|" + (T0 + 50_000),
                "s1|silence|" + (T0 + 59_000), "s1|resumed|" + (T0 + 90_000));
    }

    @Test
    void aSensorSilentLongerThanForgetAfterIsForgotten() {
        Run run = new Run(O.withForgetAfter(60_000));
        run.batch(quiet(0, 5), 0);
        run.tick(T0 + 30_000);
        assertThat(run.state.silenceOpen).isTrue();
        assertThat(run.rules.nextTimeout(run.state)).isEqualTo(T0 + 64_000);
        run.tick(T0 + 64_000);
        assertThat(run.state.forgotten).isFalse();
        run.tick(T0 + 64_001);
        assertThat(run.state.forgotten).isTrue();
    }

    @Test
    void idleTimeoutRaisesSilenceInProcessingTime() {
        Run run = new Run(O.withIdleTimeout(5_000L));
        run.rules.apply(run.state, quiet(0, 5), 0, 1_000);
        assertThat(run.rules.timeout(run.state, T0, 5_999)).isEmpty();
        List<Alert> a = run.rules.timeout(run.state, T0, 6_000);
        assertThat(a).containsExactly(new Alert("s1", Alert.SILENCE, T0 + 4_000, null, Double.NaN, "idle>5s", 6_000));
        // it closes like any silence when the sensor is back, even after less than --silence-after of event time
        a = run.rules.apply(run.state, List.of(r(6, 5, 20.0)), T0, 9_000);
        assertThat(a).extracting(Alert::kind).containsExactly(Alert.SILENCE, Alert.RESUMED);
    }

    @Test
    void noisyDriftingSensorGivesNoFalseSpikesAndEveryInjectedSpikeIsFound() {
        // like produce: noise of sd 0.3, a slow drift, readings rounded to 0.01, spikes of 15-40 degrees
        Random rnd = new Random(11);
        Run run = new Run(O);
        List<Reading> in = new ArrayList<>();
        List<Long> spikes = new ArrayList<>();
        double drift = 0;
        for (long s = 0; s < 50_000; s++) {
            drift = drift * 0.998 + rnd.nextGaussian() * 0.03;
            double v = 18 + drift + 2 * Math.sin(s / 3000.0) + rnd.nextGaussian() * 0.3;
            if (s > 100 && rnd.nextDouble() < 0.002) {
                v += (rnd.nextBoolean() ? 1 : -1) * (15 + rnd.nextDouble() * 25);
                spikes.add(T0 + s * 1000);
            }
            in.add(r(s, s, Math.round(v * 100) / 100.0));
        }
        for (int i = 0; i < in.size(); i += 1000) run.batch(in.subList(i, Math.min(in.size(), i + 1000)), 0);
        List<Alert> found = run.of(Alert.SPIKE).stream().filter(a -> a.end() != null).toList();
        assertThat(spikes).hasSizeGreaterThan(50);
        // two spikes in a row are one episode
        List<Long> missed = spikes.stream().filter(x -> found.stream().noneMatch(a -> a.start() <= x && x <= a.end())).toList();
        List<Alert> extra = found.stream().filter(a -> spikes.stream().noneMatch(x -> a.start() <= x && x <= a.end())).toList();
        assertThat(missed).as("missed").isEmpty();
        assertThat(extra).as("false").isEmpty();
    }

    static SensorAlertState roundTrip(SensorAlertState s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SensorAlertState) in.readObject();
        }
    }
}
