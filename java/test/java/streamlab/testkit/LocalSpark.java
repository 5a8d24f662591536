package streamlab.testkit;

import org.apache.spark.sql.SparkSession;

/**
 * One real local SparkSession per test class, sized for a shared 2-core machine: two threads, two shuffle
 * partitions (Spark's 200 make every micro-batch take seconds), no web UI, everything on the loopback interface.
 * {@code process} and {@code exercise} run on it when a test started it (they use the default session), and
 * leave it running for the next test of the class:
 *
 * <pre>{@code
 * static SparkSession spark;
 * @BeforeAll static void up() { spark = LocalSpark.start("streamlab-sasl-test"); }
 * @AfterAll static void down() { if (spark != null) spark.stop(); }
 * }</pre>
 */
public final class LocalSpark {
    private LocalSpark() {}

    public static SparkSession start(String appName) {
        SparkSession s = SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }
}
