package streamlab.process.alerts;

import java.io.Serializable;

/**
 * Everything the alert rules remember about one sensor between micro-batches: a few numbers, whatever
 * the sensor's history (no readings are buffered). Owned and changed only by {@link AlertRules}; Spark
 * keeps it in the state store (Kryo-encoded), tests serialize it to simulate a restart.
 * <p>
 * The layout is part of the checkpoint: changing the fields needs a fresh {@code --checkpoint}.
 */
public final class SensorAlertState implements Serializable {
    private static final long serialVersionUID = 1L;

    public String sensor;
    /** False until the first reading: silence needs a sensor that was sending. */
    public boolean started;
    /** Event time and seq of the newest reading processed in order. */
    public long lastTs;
    public long lastSeq;
    /** Processing time of the last micro-batch that brought readings (for {@code --idle-timeout}). */
    public long lastArrivalMs;

    /** Last reading that was not a spike, the base of the jump rule; unset after a silence or a reset. */
    public boolean hasRef;
    public double refValue;

    /** Exponentially weighted mean and variance of the sensor's good readings; n counts them towards the warm-up. */
    public long n;
    public double mean;
    public double var;

    /** The current run of equal values (the previous reading's value is {@code runValue}). */
    public double runValue;
    public long runStart;
    public long runLastTs;
    public boolean stuckOpen;

    public boolean spikeOpen;
    public long spikeStart;
    public long spikeLastTs;
    public int spikeCount;
    public double spikePeak;
    public String spikeRule;

    public boolean highOpen;
    public long highStart;
    public long highLastTs;
    public double highPeak;

    public boolean lowOpen;
    public long lowStart;
    public long lowLastTs;
    public double lowPeak;

    /** A silence episode is open; it started at {@code lastTs}. */
    public boolean silenceOpen;
    public String silenceRule;

    /**
     * A seq gap not yet confirmed: readings {@code gapFromSeq..gapToSeq} are missing unless they still arrive
     * late. Confirmed once the watermark passes {@code gapRevealTs}, since anything older is dropped then.
     */
    public boolean gapPending;
    public long gapFromSeq;
    public long gapToSeq;
    public long gapStartTs;
    public long gapRevealTs;
    public long gapMissing;
    /** Bit i set: seq {@code gapFromSeq + i} arrived late (tracked for the first 64 missing seqs). */
    public long gapFilled;

    /** Set by the rules when the state should be dropped ({@code --forget-after}). */
    public boolean forgotten;

    public SensorAlertState() {}

    public SensorAlertState(String sensor) {
        this.sensor = sensor;
    }
}
