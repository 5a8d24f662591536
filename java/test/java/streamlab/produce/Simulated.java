package streamlab.produce;

import java.util.ArrayList;
import java.util.List;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

/** Runs an {@link EmissionStream} to the end and keeps what it sent and the faults it reported. */
record Simulated(List<Emission> emissions, List<Fault> truth) {
    static final long START = 1_714_521_600_000L; // 2024-05-01T00:00:00Z

    record Fault(String sensor, FaultKind kind, long start, long end) {}

    static Simulated run(int sensors, long count, long seed, FaultPlan plan) {
        return run(sensors, 1000, count, seed, plan, Format.JSON);
    }

    static Simulated run(int sensors, long intervalMs, long count, long seed, FaultPlan plan, Format format) {
        List<Fault> truth = new ArrayList<>();
        EmissionStream s = new EmissionStream(sensors, intervalMs, START, seed, plan, ReadingCodec.of(format),
                (sensor, kind, start, end) -> truth.add(new Fault(sensor, kind, start, end)), count);
        List<Emission> out = new ArrayList<>();
        for (Emission e; (e = s.next()) != null; ) out.add(e);
        return new Simulated(out, truth);
    }

    /** The valid readings, each once, in send order: what {@code --record} writes. */
    List<Reading> readings() {
        return emissions.stream().filter(e -> e.kind() == Emission.Kind.READING).map(Emission::reading).toList();
    }

    long count(Emission.Kind kind) {
        return emissions.stream().filter(e -> e.kind() == kind).count();
    }

    List<Fault> truth(FaultKind kind) {
        return truth.stream().filter(f -> f.kind() == kind).toList();
    }
}
