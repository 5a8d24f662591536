package streamlab.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

/** Deterministic readings for the tests: seeded, a few sensors, ts steps with jitter, some lost seqs. */
final class TestReadings {
    private TestReadings() {}

    /**
     * @param startTs event time of the first reading of each sensor
     * @param stepMs  mean spacing of one sensor's readings
     */
    static List<Reading> generate(long seed, int sensors, int perSensor, long startTs, long stepMs) {
        Random rnd = new Random(seed);
        List<Reading> out = new ArrayList<>();
        for (int s = 0; s < sensors; s++) {
            String id = "s-" + s;
            double base = 15 + 10 * rnd.nextDouble();
            long ts = startTs + rnd.nextInt((int) stepMs);
            long seq = 0;
            for (int i = 0; i < perSensor; i++) {
                if (rnd.nextInt(20) == 0) seq++; // a lost reading: a seq gap
                out.add(new Reading(id, ts, seq++, Math.round((base + rnd.nextGaussian() * 2) * 1000) / 1000.0));
                ts += stepMs / 2 + rnd.nextInt((int) stepMs);
            }
        }
        return out;
    }

    static List<byte[]> encode(List<Reading> readings, Format format) {
        ReadingCodec codec = ReadingCodec.of(format);
        List<byte[]> out = new ArrayList<>();
        for (Reading r : readings) out.add(codec.encode(r));
        return out;
    }
}
