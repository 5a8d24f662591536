package streamlab.produce;

/** Receives every injected fault: event-time span in epoch ms, {@code start == end} for point faults. */
@FunctionalInterface
interface TruthSink {
    TruthSink NONE = (sensor, kind, start, end) -> { };

    void fault(String sensor, FaultKind kind, long start, long end);
}
