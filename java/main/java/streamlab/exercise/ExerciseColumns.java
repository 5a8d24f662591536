package streamlab.exercise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import streamlab.common.UserException;

/**
 * The columns each exercise's query receives and must return. The runner checks a student's result against
 * these before it starts the query, and names every missing or mistyped column in one line, instead of
 * letting Spark fail somewhere inside the sink.
 */
public final class ExerciseColumns {
    /** What a column must hold; numbers of any numeric type are accepted (the sink casts them). */
    public enum Kind { STRING, NUMBER, TIMESTAMP, TIME, WINDOW, BINARY }

    /** The readings the kit hands to exercises 2-6: valid readings only, event time as a timestamp. */
    public static final StructType READINGS = new StructType()
            .add("sensor", DataTypes.StringType)
            .add("ts", DataTypes.LongType)
            .add("seq", DataTypes.LongType)
            .add("temperature", DataTypes.DoubleType)
            .add("event_time", DataTypes.TimestampType);

    /** Exercise 1's result: the Kafka record's bytes kept, the reading's fields, and why it was refused (or null). */
    public static final Map<String, Kind> PARSED = columns(
            "key", Kind.BINARY, "value", Kind.BINARY, "sensor", Kind.STRING, "ts", Kind.NUMBER, "seq", Kind.NUMBER,
            "temperature", Kind.NUMBER, "reason", Kind.STRING);

    /** One row per sensor and window, the fields of the kit's report ({@link streamlab.codec.WindowResult}). */
    public static final Map<String, Kind> WINDOWS = columns(
            "sensor", Kind.STRING, "window", Kind.WINDOW, "count", Kind.NUMBER, "min", Kind.NUMBER, "max", Kind.NUMBER,
            "avg", Kind.NUMBER, "stddev", Kind.NUMBER, "first_ts", Kind.TIME, "last_ts", Kind.TIME, "seq_gaps", Kind.NUMBER);

    /** One row per alert record, the fields of the kit's alerts ({@link streamlab.codec.Alert}). */
    public static final Map<String, Kind> ALERTS = columns(
            "sensor", Kind.STRING, "kind", Kind.STRING, "start", Kind.TIME, "end", Kind.TIME, "value", Kind.NUMBER,
            "rule", Kind.STRING);

    private ExerciseColumns() {}

    /**
     * Throws a {@link UserException} naming every column of {@code required} that {@code result} lacks or holds
     * with the wrong type; extra columns are fine (exercise 4 adds its own aggregate).
     */
    public static void require(Dataset<Row> result, Map<String, Kind> required, String producedBy) {
        StructType schema = result.schema();
        List<String> problems = new ArrayList<>();
        required.forEach((name, kind) -> {
            StructField f = find(schema, name);
            if (f == null) {
                problems.add(name + " (" + describe(kind) + ") is missing");
            } else if (!fits(f.dataType(), kind)) {
                problems.add(name + " is " + f.dataType().simpleString() + ", not " + describe(kind));
            }
        });
        if (!problems.isEmpty()) {
            throw new UserException(producedBy + " returned the columns " + String.join(", ", schema.fieldNames())
                    + ": " + String.join("; ", problems));
        }
    }

    static StructField find(StructType schema, String name) {
        for (StructField f : schema.fields()) if (f.name().equals(name)) return f;
        return null;
    }

    static boolean fits(DataType t, Kind kind) {
        return switch (kind) {
            case STRING -> t.equals(DataTypes.StringType);
            case NUMBER -> t instanceof NumericType;
            case TIMESTAMP -> t.equals(DataTypes.TimestampType);
            case TIME -> t.equals(DataTypes.TimestampType) || t.equals(DataTypes.LongType);
            case BINARY -> t.equals(DataTypes.BinaryType);
            case WINDOW -> t instanceof StructType s && find(s, "start") != null && find(s, "end") != null
                    && find(s, "start").dataType().equals(DataTypes.TimestampType);
        };
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TIMESTAMP -> "a timestamp";
            case TIME -> "a timestamp or epoch milliseconds";
            case BINARY -> "the record's bytes";
            case WINDOW -> "the struct window(...) returns, with start and end";
        };
    }

    private static Map<String, Kind> columns(Object... nameKind) {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (int i = 0; i < nameKind.length; i += 2) m.put((String) nameKind[i], (Kind) nameKind[i + 1]);
        return m;
    }
}
