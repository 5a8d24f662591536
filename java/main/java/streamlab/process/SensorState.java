package streamlab.process;

import java.io.Serializable;
import streamlab.process.alerts.SensorAlertState;

/**
 * What the job keeps per sensor between micro-batches (Kryo-encoded in Spark's state store): the open
 * windows and the alert rules' numbers. The layout is part of the checkpoint: changing it needs a fresh
 * {@code --checkpoint}.
 */
public final class SensorState implements Serializable {
    private static final long serialVersionUID = 1L;

    public SensorWindows windows = new SensorWindows();
    public SensorAlertState alerts;
    /**
     * The watermark this sensor's windows were last closed at: every window ending at or before it has been
     * written, so a reading for one of them is late.
     */
    public long closedAt;

    public SensorState() {}

    SensorState(String sensor, long watermark) {
        this.alerts = new SensorAlertState(sensor);
        this.closedAt = watermark;
    }
}
