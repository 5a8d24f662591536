package streamlab.process;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Options of the Kafka source of {@code process} (and of the bench's reference job, so both poll alike). */
public final class SourceOptions {
    /**
     * Spark's Kafka source fetches each task's offset range one poll at a time, and Kafka's default of 500
     * records a poll costs a round trip per 500 readings: 2 million JSON readings took 11.3 s with it and
     * 9.5 s with 10,000 (local[2], 2 cores).
     */
    static final int MAX_POLL_RECORDS = 10_000;

    private SourceOptions() {}

    /** The client's options ({@code kafka.*}), and a larger {@code max.poll.records} unless they set one. */
    public static Map<String, String> of(Map<String, String> kafkaOptions) {
        Map<String, String> m = new LinkedHashMap<>(kafkaOptions);
        m.putIfAbsent("kafka." + ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(MAX_POLL_RECORDS));
        return m;
    }
}
