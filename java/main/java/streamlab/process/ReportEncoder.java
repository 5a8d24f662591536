package streamlab.process;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.isnan;

import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import streamlab.codec.Format;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;

/**
 * Window results as Kafka records: key {@code sensor|window_start} (see {@link WindowResult#key}), value a
 * JSON object ({@code to_json}, Spark's own) or a msgpack map ({@link WindowResultCodec}, the decoder's twin).
 */
public final class ReportEncoder {
    private ReportEncoder() {}

    public static Dataset<Row> encode(Dataset<Row> results, Format format) {
        Column fields = struct(Arrays.stream(WindowResult.FIELDS).map(f -> format == Format.JSON ? jsonSafe(f) : col(f))
                .toArray(Column[]::new));
        Column key = concat(col(WindowResult.SENSOR), lit("|"), col(WindowResult.WINDOW_START).cast("string"));
        // Keep nulls: a decoder must see every field, and null is how JSON carries an overflowed statistic.
        Column value = format == Format.JSON ? to_json(fields, Map.of("ignoreNullFields", "false")) : MSGPACK_UDF.apply(fields);
        return results.select(key.as("key"), value.as("value"));
    }

    /**
     * to_json writes NaN and Infinity as strings, which no JSON reader takes for numbers. A statistic
     * overflows a double only for absurd readings (near ±1e308); it is written as null, as
     * {@link WindowResultCodec} does.
     */
    private static Column jsonSafe(String field) {
        Column c = col(field);
        boolean statistic = field.equals(WindowResult.MIN) || field.equals(WindowResult.MAX)
                || field.equals(WindowResult.AVG) || field.equals(WindowResult.STDDEV);
        if (!statistic) return c.as(field);
        return when(isnan(c).or(c.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), lit(null)).otherwise(c).as(field);
    }

    static final UserDefinedFunction MSGPACK_UDF = udf((UDF1<Row, byte[]>) r ->
            WindowResultCodec.encodeMsgpack(toResult(r)), DataTypes.BinaryType);

    /** A row with the columns of {@link WindowResult#FIELDS}, in that order. */
    public static WindowResult toResult(Row r) {
        return new WindowResult(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getDouble(4),
                r.getDouble(5), r.getDouble(6), r.getDouble(7), r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11));
    }
}
