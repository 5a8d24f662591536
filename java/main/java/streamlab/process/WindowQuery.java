package streamlab.process;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.window;

import java.time.Duration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.codec.Reading;
import streamlab.codec.WindowResult;

/**
 * The report: per sensor and event-time window, the columns of {@link WindowResult}. A pure builder over
 * {@link ReadingDecoder.Decoded#readings()}; on a batch Dataset the watermark is a no-op and every window
 * comes out, which is how the tests check the arithmetic.
 * <ul>
 *   <li>stddev is the population standard deviation: a window describes all the readings it holds, not a
 *       sample of a larger set, and it is defined (0) for a window with one reading.</li>
 *   <li>seq_gaps = max(0, max(seq) - min(seq) + 1 - count): readings missing between the first and the last
 *       of the window. Streaming queries allow no distinct aggregates, so duplicates hide gaps (hence the
 *       max(0, ...)), and a gap that straddles a window boundary is counted in neither window; the alerts
 *       query looks at consecutive readings and catches those.</li>
 *   <li>emitted_at is the time of the micro-batch that wrote the result.</li>
 * </ul>
 */
public final class WindowQuery {
    private WindowQuery() {}

    public static Dataset<Row> build(Dataset<Row> readings, WindowSpec spec) {
        Column window = window(col(ReadingDecoder.EVENT_TIME), interval(spec.window()), interval(spec.slideOrWindow()));
        // The watermark bounds the state and decides when a window is final: rows for windows that already
        // ended before it are dropped (and counted by Spark as dropped by watermark).
        return readings
                .withWatermark(ReadingDecoder.EVENT_TIME, interval(spec.watermark()))
                .groupBy(col(Reading.SENSOR), window.as("window"))
                .agg(count(lit(1)).as(WindowResult.COUNT),
                        min(Reading.TEMPERATURE).as(WindowResult.MIN),
                        max(Reading.TEMPERATURE).as(WindowResult.MAX),
                        avg(Reading.TEMPERATURE).as(WindowResult.AVG),
                        stddev_pop(Reading.TEMPERATURE).as(WindowResult.STDDEV),
                        min(Reading.TS).as(WindowResult.FIRST_TS),
                        max(Reading.TS).as(WindowResult.LAST_TS),
                        min(Reading.SEQ).as("min_seq"),
                        max(Reading.SEQ).as("max_seq"))
                .select(col(Reading.SENSOR).as(WindowResult.SENSOR),
                        unix_millis(col("window.start")).as(WindowResult.WINDOW_START),
                        unix_millis(col("window.end")).as(WindowResult.WINDOW_END),
                        col(WindowResult.COUNT),
                        col(WindowResult.MIN),
                        col(WindowResult.MAX),
                        col(WindowResult.AVG),
                        col(WindowResult.STDDEV),
                        col(WindowResult.FIRST_TS),
                        col(WindowResult.LAST_TS),
                        greatest(lit(0L), col("max_seq").minus(col("min_seq")).plus(lit(1L)).minus(col(WindowResult.COUNT)))
                                .as(WindowResult.SEQ_GAPS),
                        unix_millis(current_timestamp()).as(WindowResult.EMITTED_AT));
    }

    static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }
}
