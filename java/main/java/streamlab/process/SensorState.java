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

    public SensorState() {}

    SensorState(String sensor) {
        this.alerts = new SensorAlertState(sensor);
    }
}
