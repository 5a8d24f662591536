package streamlab.exercises.testing;

import org.apache.spark.sql.SparkSession;

/** The one local Spark session of a test run, sized for a 2-core laptop. */
public final class Spark {
    private Spark() {}

    public static synchronized SparkSession session() {
        SparkSession s = SparkSession.builder()
                .appName("streamlab exercise tests")
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.streaming.noDataMicroBatches.enabled", "true")
                .getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        return s;
    }
}
