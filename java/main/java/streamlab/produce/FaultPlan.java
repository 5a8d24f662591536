package streamlab.produce;

/**
 * How many faults to inject. Rates are per reading (0 to 1); {@code stuckCount} and
 * {@code silenceCount} are numbers of (distinct) sensors that have episodes of {@code lengthMs}
 * of event time; late readings are sent up to {@code lateMaxMs} of event time after their own.
 */
record FaultPlan(double spikeRate, int stuckCount, int silenceCount, double lateRate, long lateMaxMs,
                 double duplicateRate, double malformedRate, long lengthMs) {

    static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 30_000, 0, 0, 120_000);

    boolean any() {
        return spikeRate > 0 || stuckCount > 0 || silenceCount > 0 || lateRate > 0 || duplicateRate > 0 || malformedRate > 0;
    }
}
