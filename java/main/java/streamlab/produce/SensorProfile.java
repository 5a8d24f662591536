package streamlab.produce;

import java.util.SplittableRandom;

/**
 * One simulated sensor: where it sits (baseline), how much its room or site warms and cools over a
 * day, how noisy it is, and a slow drift (weather, heating) that wanders around zero. Everything is
 * drawn once from the seed, so a sensor behaves the same in every run with that seed.
 */
final class SensorProfile {
    static final long DAY_MS = 86_400_000L;
    /** Drift forgets its past over about ten minutes of event time, whatever the interval. */
    private static final double DRIFT_TAU_MS = 600_000.0;
    private static final double DRIFT_SD = 0.5;
    private static final double UNIFORM_SD_SCALE = Math.sqrt(12);

    final String id;
    final double baseline;
    final double amplitude;
    /** Radians added to the daily phase; peaks fall in the afternoon, as outdoors. */
    final double phase;
    final double noiseSd;
    private final double driftKeep;
    private final double driftStep;
    private double drift;

    SensorProfile(String id, SplittableRandom rng, long intervalMs) {
        this.id = id;
        this.baseline = 12.0 + rng.nextDouble() * 16.0;
        this.amplitude = 1.0 + rng.nextDouble() * 5.0;
        double peakHour = 13.0 + rng.nextDouble() * 4.0;
        // sin peaks at pi/2, i.e. at 06:00 with no phase; shift the peak to peakHour
        this.phase = -2 * Math.PI * (peakHour - 6.0) / 24.0;
        this.noiseSd = 0.05 + rng.nextDouble() * 0.25;
        this.driftKeep = Math.exp(-intervalMs / DRIFT_TAU_MS);
        this.driftStep = DRIFT_SD * Math.sqrt(1 - driftKeep * driftKeep);
    }

    /** The next value at event time {@code ts}, rounded to 0.01 degrees like a real sensor reports. */
    double next(long ts, SplittableRandom rng) {
        // A uniform step with the variance of a Gaussian one: the drift sums many steps, so it is
        // Gaussian anyway, and this saves a Gaussian draw per reading at full speed.
        drift = drift * driftKeep + (rng.nextDouble() - 0.5) * UNIFORM_SD_SCALE * driftStep;
        double daily = amplitude * Math.sin(2 * Math.PI * Math.floorMod(ts, DAY_MS) / DAY_MS + phase);
        return round(baseline + daily + drift + rng.nextGaussian() * noiseSd);
    }

    static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
