package streamlab.process;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Input for the process tests' local SparkSession ({@link streamlab.testkit.LocalSpark}): rows as Kafka gives them. */
final class SparkTests {
    /** The columns the Kafka source gives the decoder. */
    static final StructType KAFKA_ROWS = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType);

    private SparkTests() {}


    /** Records as the Kafka source would deliver them: one partition of topic {@code in}, offsets from 0. */
    static Dataset<Row> kafkaRows(SparkSession spark, List<byte[]> values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(RowFactory.create(("k" + i).getBytes(), values.get(i), "in", 0, (long) i));
        }
        return spark.createDataFrame(rows, KAFKA_ROWS);
    }
}
