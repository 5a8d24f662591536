package streamlab.process;

import java.time.Duration;

/**
 * The event-time windows of the report.
 *
 * @param window    window length
 * @param slide     slide of sliding windows, or null for tumbling windows
 * @param watermark how far behind the latest event time a reading may arrive and still count
 */
public record WindowSpec(Duration window, Duration slide, Duration watermark) implements java.io.Serializable {
    public Duration slideOrWindow() {
        return slide == null ? window : slide;
    }
}
