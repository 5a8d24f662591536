package streamlab.exercise.wrong;

import static org.apache.spark.sql.functions.*;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.ParseQuery;

/** Wrong on purpose: refuses only what is not JSON at all; an empty sensor, a negative seq, a far-future reading pass (hint: missed dead letters). */
public class LenientParseJob implements ParseQuery {
    @Override
    public Dataset<Row> parse(Dataset<Row> records, ExerciseSettings s) {
        Dataset<Row> r = records.withColumn("r", from_json(col("value").cast("string"), JsonOnlyParseJob.SCHEMA))
                .select(col("*"), col("r.*")).drop("r");
        return r.withColumn("reason", when(col("sensor").isNull().and(col("ts").isNull()), lit("invalid JSON")));
    }
}
