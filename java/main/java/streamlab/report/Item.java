package streamlab.report;

import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

/** One consumed record after decoding: a window result, an alert, or the reason it could not be read. */
public sealed interface Item {
    Source source();

    /** Where a record came from, so a skipped one can be found again (kafka-console-consumer --offset). */
    record Source(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    record WindowItem(Source source, WindowResult window) implements Item {}

    record AlertItem(Source source, Alert alert) implements Item {}

    record SkippedItem(Source source, String reason) implements Item {}

    /** The sensor a record is about, or null for a skipped one. */
    default String sensor() {
        if (this instanceof WindowItem w) return w.window().sensor();
        if (this instanceof AlertItem a) return a.alert().sensor();
        return null;
    }
}
