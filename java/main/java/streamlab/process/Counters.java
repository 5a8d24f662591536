package streamlab.process;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Running totals of the job, counted where the records are (executors) and read by the progress
 * listener on the driver. Spark accumulators: exact unless a task is retried (a lost executor), which
 * only the totals shown would notice, never the output.
 */
public final class Counters implements Serializable {
    private static final long serialVersionUID = 1L;

    final LongAccumulator readings;
    final LongAccumulator windows;
    final LongAccumulator alerts;
    final LongAccumulator deadLetters;
    final LongAccumulator late;
    final LongAccumulator lateWritten;

    public Counters(SparkContext sc) {
        readings = sc.longAccumulator("streamlab.readings");
        windows = sc.longAccumulator("streamlab.windows");
        alerts = sc.longAccumulator("streamlab.alerts");
        deadLetters = sc.longAccumulator("streamlab.dlq");
        late = sc.longAccumulator("streamlab.late");
        lateWritten = sc.longAccumulator("streamlab.late_written");
    }

    public long readings() {
        return readings.value();
    }

    public long windows() {
        return windows.value();
    }

    public long alerts() {
        return alerts.value();
    }

    public long deadLetters() {
        return deadLetters.value();
    }

    public long late() {
        return late.value();
    }

    public long lateWritten() {
        return lateWritten.value();
    }
}
