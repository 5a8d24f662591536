package streamlab.process;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;

/**
 * Rejected records as Kafka records for the DLQ: the original key and value, byte for byte, so a fixed
 * consumer can re-publish them; why and where from travel as headers.
 */
public final class DeadLetters {
    /** Why the record was rejected (UTF-8). */
    public static final String REASON_HEADER = "streamlab.reason";
    /** Where it came from: {@code topic-partition@offset} (UTF-8), the way Kafka's tools name a position. */
    public static final String SOURCE_HEADER = "streamlab.source";

    private DeadLetters() {}

    /** The Kafka sink's {@code headers} column for a record with this reason and source (string columns). */
    public static Column headers(Column reason, Column source) {
        return array(
                struct(lit(REASON_HEADER).as("key"), reason.cast("binary").as("value")),
                struct(lit(SOURCE_HEADER).as("key"), source.cast("binary").as("value")));
    }

    /** The {@value #SOURCE_HEADER} of a record. */
    static String source(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }
}
