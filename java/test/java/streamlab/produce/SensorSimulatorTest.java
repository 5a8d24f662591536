package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import streamlab.codec.Reading;

class SensorSimulatorTest {
    @Test
    void idsArePaddedToTheWidthOfTheCount() {
        assertThat(SensorSimulator.sensorId(0, 10)).isEqualTo("sensor-01");
        assertThat(SensorSimulator.sensorId(9, 10)).isEqualTo("sensor-10");
        assertThat(SensorSimulator.sensorId(4, 9)).isEqualTo("sensor-5");
        assertThat(SensorSimulator.sensorId(6, 1000)).isEqualTo("sensor-0007");
    }

    @Test
    void sameSeedSameReadingsOtherSeedOtherReadings() {
        List<Reading> a = Simulated.run(7, 5_000, 42, FaultPlan.NONE).readings();
        List<Reading> b = Simulated.run(7, 5_000, 42, FaultPlan.NONE).readings();
        List<Reading> c = Simulated.run(7, 5_000, 43, FaultPlan.NONE).readings();
        assertThat(a).hasSize(5_000).isEqualTo(b);
        assertThat(c).hasSize(5_000).isNotEqualTo(a);
        long same = 0;
        for (int i = 0; i < a.size(); i++) if (a.get(i).temperature() == c.get(i).temperature()) same++;
        assertThat(same).as("readings equal across seeds").isLessThan(100);
    }

    @Test
    void roundRobinPerTickWithSeqFromZeroAndIntervalSpacing() {
        List<Reading> rs = Simulated.run(5, 250, 6_000, 1, FaultPlan.NONE, streamlab.codec.Format.JSON).readings();
        assertThat(rs).hasSize(6_000);
        for (int i = 0; i < rs.size(); i++) {
            Reading r = rs.get(i);
            assertThat(r.sensor()).isEqualTo(SensorSimulator.sensorId(i % 5, 5));
            assertThat(r.seq()).isEqualTo(i / 5);
            assertThat(r.ts()).isEqualTo(Simulated.START + (i / 5) * 250L);
        }
    }

    @Test
    void eachSensorHasItsOwnLevelADailyCycleAndNoise() {
        // a day at one reading a minute per sensor
        List<Reading> rs = Simulated.run(4, 60_000, 4 * 1440, 9, FaultPlan.NONE, streamlab.codec.Format.JSON).readings();
        Map<String, List<Double>> bySensor = rs.stream().collect(Collectors.groupingBy(Reading::sensor,
                Collectors.mapping(Reading::temperature, Collectors.toList())));
        Map<String, Double> means = new HashMap<>();
        bySensor.forEach((s, v) -> {
            double mean = v.stream().mapToDouble(d -> d).average().orElseThrow();
            double min = v.stream().mapToDouble(d -> d).min().orElseThrow();
            double max = v.stream().mapToDouble(d -> d).max().orElseThrow();
            means.put(s, mean);
            assertThat(mean).as(s).isBetween(8.0, 32.0);
            assertThat(max - min).as("daily range of " + s).isBetween(1.5, 20.0);
            // noise: consecutive readings are not all equal
            long changes = 0;
            for (int i = 1; i < v.size(); i++) if (!v.get(i).equals(v.get(i - 1))) changes++;
            assertThat(changes).isGreaterThan(v.size() / 2);
            // two decimals, like the sensor reports
            v.forEach(d -> assertThat(Math.abs(d * 100 - Math.round(d * 100))).isLessThan(1e-6));
        });
        assertThat(means.values().stream().distinct().count()).isEqualTo(4);
    }

    @Test
    void dailyCyclePeaksInTheAfternoon() {
        SensorProfile p = new SensorProfile("s", new SplittableRandom(3), 60_000);
        SplittableRandom rng = new SplittableRandom(4);
        double night = 0;
        double afternoon = 0;
        for (int d = 0; d < 20; d++) {
            long day = Simulated.START + d * SensorProfile.DAY_MS;
            night += p.next(day + 3 * 3_600_000L, rng);
            afternoon += p.next(day + 15 * 3_600_000L, rng);
        }
        assertThat(afternoon / 20).isGreaterThan(night / 20 + 1.0);
    }
}
