package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.ParseQuery;

/** Wrong on purpose: every rule right, but JSON only, so a valid msgpack reading goes to the DLQ (hint: valid readings in the DLQ). */
public class JsonOnlyParseJob implements ParseQuery {
    static final StructType SCHEMA = new StructType().add("sensor", DataTypes.StringType).add("ts", DataTypes.LongType)
            .add("seq", DataTypes.LongType).add("temperature", DataTypes.DoubleType);

    @Override
    public Dataset<Row> parse(Dataset<Row> records, ExerciseSettings s) {
        Dataset<Row> r = records.withColumn("r", from_json(col("value").cast("string"), SCHEMA)).select(col("*"), col("r.*")).drop("r");
        Column t = col("temperature");
        Column reason = when(col("sensor").isNull().and(col("ts").isNull()), lit("invalid JSON"))
                .when(col("sensor").isNull().or(col("sensor").equalTo("")), lit("empty sensor id"))
                .when(col("ts").isNull(), lit("missing ts"))
                .when(col("seq").isNull().or(col("seq").lt(0)), lit("bad seq"))
                .when(t.isNull().or(t.isNaN()).or(t.equalTo(Double.POSITIVE_INFINITY)).or(t.equalTo(Double.NEGATIVE_INFINITY)),
                        lit("temperature is not a finite number"))
                .when(col("ts").minus(unix_millis(current_timestamp())).gt(s.maxFuture().toMillis()), lit("ahead of the wall clock"));
        return r.withColumn("reason", reason);
    }
}
