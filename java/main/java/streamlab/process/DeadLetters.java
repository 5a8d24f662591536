package streamlab.process;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

    public static Dataset<Row> encode(Dataset<Row> rejects) {
        Column source = concat(col("topic"), lit("-"), col("partition").cast("string"), lit("@"),
                col("offset").cast("string"));
        Column headers = array(
                struct(lit(REASON_HEADER).as("key"), col(ReadingDecoder.REASON).cast("binary").as("value")),
                struct(lit(SOURCE_HEADER).as("key"), source.cast("binary").as("value")));
        return rejects.select(col("key"), col("value"), headers.as("headers"));
    }
}
