package streamlab.exercise;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import streamlab.process.DeadLetters;

/** Exercise 1's checks: which records went to the dead-letter topic, and how many readings were accepted. */
final class ParseChecks {
    private ParseChecks() {}

    static void compare(List<ConsumerRecord<byte[], byte[]>> yourDlq, long yourReadings,
                        List<ConsumerRecord<byte[], byte[]>> processDlq, long inputRecords, CheckReport report) {
        Map<String, String> mine = bySource(yourDlq);
        Map<String, String> ref = bySource(processDlq);
        List<String> missed = new ArrayList<>();
        ref.forEach((src, why) -> {
            if (!mine.containsKey(src)) missed.add(src + ": process: " + why);
        });
        List<String> extra = new ArrayList<>();
        mine.forEach((src, why) -> {
            if (!ref.containsKey(src)) extra.add(src + ": yours: " + why);
        });
        if (missed.isEmpty()) {
            report.pass("every record process refused is on your dead-letter topic (" + ref.size() + ")");
        } else {
            report.fail(missed.size() + " records process refused are not on your dead-letter topic", missed, Hint.DLQ_MISSED);
        }
        if (extra.isEmpty()) {
            report.pass("no valid reading on your dead-letter topic");
        } else {
            report.fail(extra.size() + " records on your dead-letter topic are valid readings for process", extra, Hint.DLQ_EXTRA);
        }
        long expected = inputRecords - ref.size();
        if (yourReadings == expected) {
            report.pass("your job accepted the same " + expected + " readings as process");
        } else {
            report.fail("your job accepted " + yourReadings + " readings, process " + expected, List.of(),
                    yourReadings > expected ? Hint.DLQ_MISSED : Hint.DLQ_EXTRA);
        }
    }

    private static Map<String, String> bySource(List<ConsumerRecord<byte[], byte[]>> dlq) {
        Map<String, String> m = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : dlq) {
            Header src = r.headers().lastHeader(DeadLetters.SOURCE_HEADER);
            Header why = r.headers().lastHeader(DeadLetters.REASON_HEADER);
            String source = src == null ? "(no source header) offset " + r.offset() : new String(src.value(), StandardCharsets.UTF_8);
            m.put(source, why == null ? "(no reason)" : new String(why.value(), StandardCharsets.UTF_8));
        }
        return m;
    }
}
