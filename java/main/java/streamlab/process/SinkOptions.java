package streamlab.process;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Options of the Kafka sink of {@code process} (and of the bench's reference job and the exercises' runs). */
public final class SinkOptions {
    /**
     * Kafka's producer defaults (no linger, 16 KB batches, no compression) send a flood of dead letters, one
     * record per input record, in small uncompressed batches that the broker, on the same cores, appends one by
     * one. 2 million dead letters took 32-37 s with them and 27-29 s with these (2 cores, one broker, loaded).
     * Windows and alerts are few and small: for them the settings change nothing but the bytes on disk.
     */
    static final Map<String, String> DEFAULTS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, "262144",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

    private SinkOptions() {}

    /** The client's options ({@code kafka.*}), and the settings above where they set none. */
    public static Map<String, String> of(Map<String, String> kafkaOptions) {
        Map<String, String> m = new LinkedHashMap<>(kafkaOptions);
        DEFAULTS.forEach((k, v) -> m.putIfAbsent("kafka." + k, v));
        return m;
    }
}
