package streamlab.process;

import static org.apache.spark.sql.functions.col;

import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows {@link Packer} writes and the shuffle carries: one schema, three roles, each with its own fields
 * set and the others null.
 * <ul>
 *   <li><b>pack</b>: key = sensor id, {@link #PACK} = the sensor's readings ({@link ReadingPack}),
 *       {@link #NEWEST} = the newest event time of the partition's readings so far;</li>
 *   <li><b>reject</b>: key = its source ({@code topic-partition@offset}), {@link #DLQ_KEY} and
 *       {@link #DLQ_VALUE} = the record's original key and bytes, {@link #REASON} = why;</li>
 *   <li><b>marker</b>: key = {@link #SIDE_KEY}, {@link #EVENT_TIME} = the partition's newest event time, the
 *       watermark's input and set on markers alone.</li>
 * </ul>
 * One schema rather than three Datasets because the three share one shuffle (see {@link Pipeline}). Fields are
 * read by position, as Spark's {@code Row} is fastest read; the positions are named here.
 */
final class PackedRow {
    /** The key of the markers. Empty sensor ids are rejected, so it is free. */
    static final String SIDE_KEY = "";

    static final int KEY = 0;
    static final int EVENT_TIME = 1;
    static final int PACK = 2;
    static final int DLQ_KEY = 3;
    static final int DLQ_VALUE = 4;
    static final int REASON = 5;
    static final int NEWEST = 6;

    static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add(ReadingDecoder.EVENT_TIME, DataTypes.TimestampType, true)
            .add("pack", DataTypes.BinaryType, true)
            .add("dlq_key", DataTypes.BinaryType, true)
            .add("dlq_value", DataTypes.BinaryType, true)
            .add("reason", DataTypes.StringType, true)
            .add("newest", DataTypes.LongType, true);

    private PackedRow() {}

    static Row pack(String sensor, byte[] readings, long newest) {
        return RowFactory.create(sensor, null, readings, null, null, null, newest);
    }

    static Row reject(String source, Object originalKey, Object originalValue, String reason) {
        return RowFactory.create(source, null, null, originalKey, originalValue, reason, null);
    }

    static Row marker(long newestEventTime) {
        return RowFactory.create(SIDE_KEY, new Timestamp(newestEventTime), null, null, null, null, null);
    }

    static boolean isPack(Row r) {
        return !r.isNullAt(PACK);
    }

    static byte[] readings(Row r) {
        return (byte[]) r.get(PACK);
    }

    static long newest(Row r) {
        return r.getLong(NEWEST);
    }

    /** The column of a field of {@link #SCHEMA}, by its position above. */
    static Column column(int field) {
        return col(SCHEMA.fields()[field].name());
    }

    /**
     * True on rejects: a reason, and nothing of a pack or a marker. Naming every column the dead letters do not
     * write also keeps the optimizer from pruning them below the shuffle in that branch alone, where the
     * exchanges of the two branches would then differ.
     */
    static Column isReject() {
        return column(REASON).isNotNull().and(column(PACK).isNull()).and(column(EVENT_TIME).isNull()).and(column(NEWEST).isNull());
    }
}
