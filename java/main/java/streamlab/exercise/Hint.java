package streamlab.exercise;

/**
 * What the check tells a student, chosen from the kind of difference between their job's output and
 * {@code process}'s. Every hint is produced in the test suite by a deliberately wrong job
 * ({@code ExerciseCheckHintsIT}), so none of them is dead text.
 */
enum Hint {
    NO_OUTPUT("your job wrote nothing. In append mode a window is written once, when the watermark passes its end, and the"
            + " watermark only moves if withWatermark is on the event-time column (event_time), before the groupBy, with"
            + " settings.watermarkDelay(); a much longer watermark keeps every window of this input open."),
    DUPLICATES("the same sensor and window came out more than once. Group by the sensor and the window only: any other"
            + " grouping column (seq, ts, temperature) splits one window into several rows."),
    WRONG_TIME("your windows are not in the readings' time (2024-01-01): window on event_time, the timestamp the kit made"
            + " from the reading's ts in milliseconds (not ts read as seconds, not current_timestamp() or the Kafka record's"
            + " timestamp, which say when a record was seen, not when it was measured)."),
    SHIFTED("your windows start at other times than process's: window(col(\"event_time\"), settings.windowDuration()) for"
            + " tumbling windows, with settings.slideDuration() as the slide for sliding ones, and no start offset."),
    MISSING_WINDOWS("process closed windows that your job did not write. If they are the last ones, your watermark is"
            + " longer than settings.watermarkDelay() (or your output mode keeps them open); otherwise a filter drops readings."),
    EXTRA_WINDOWS("your job wrote windows that process did not write at all: each row must be one sensor's window (no"
            + " totals over all sensors, no rows for sensors or times without readings)."),
    COUNT_HIGH("some windows hold more readings than process's: readings that arrived after the watermark passed their"
            + " window were counted (a longer watermark than settings.watermarkDelay()?), or records were counted twice."),
    COUNT_LOW("some windows hold fewer readings than process's: a shorter watermark drops readings that were only out of"
            + " order, or a filter drops valid readings."),
    STDDEV("stddev differs while count and avg agree: the kit's report holds the population standard deviation"
            + " (stddev_pop); stddev() and stddev_samp() are the sample one."),
    STATISTIC("min, max or avg differ while the counts agree: is each aggregate over the temperature column, and avg an"
            + " average (not a sum)?"),
    TIMES("first_ts or last_ts differ: they are the earliest and the latest event time in the window (min and max of"
            + " event_time or of ts), not the window's bounds."),
    SEQ_GAPS("seq_gaps differs: it is max(seq) - min(seq) + 1 - count, never below 0 (greatest(lit(0), ...))."),
    DLQ_MISSED("records that process sent to the dead-letter topic were accepted by your parse: check each rule (valid"
            + " JSON or msgpack, a non-empty sensor, seq >= 0, a finite temperature, event time at most --max-future ahead)."),
    DLQ_EXTRA("valid readings went to your dead-letter topic: the kit's topics mix JSON and msgpack (a msgpack record"
            + " starts with a byte other than '{'), and a reason must be null for a valid reading."),
    ALERTS_MISSING("process raised silences your job did not: a sensor is silent when the watermark passes its last"
            + " reading + silence-after; set an event-time timeout (state.setTimeoutTimestamp) at that time and emit"
            + " the alert when it fires (state.hasTimedOut())."),
    ALERTS_EXTRA("your job raised silences process did not: time out on event time (GroupStateTimeout.EventTimeTimeout),"
            + " not processing time, and only for gaps longer than settings.silenceAfter()."),
    ALERTS_BOUNDS("a silence starts or ends at another time than process's: it starts at the last reading heard before the"
            + " gap and ends at the first reading after it (written again, with its end, when the sensor resumes).");

    private final String text;

    Hint(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }
}
