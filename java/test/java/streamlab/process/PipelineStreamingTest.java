package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.apache.spark.sql.execution.streaming.FlatMapGroupsWithStateExec;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.testkit.LocalSpark;

/**
 * The pipeline as a stream (Spark's in-memory source and sink, no broker): the shape of the executed plan
 * that keeps memory bounded and reads the source once. Dead letters bypass the state operator, yet the
 * source is read once per batch: the two branches share one shuffle.
 */
class PipelineStreamingTest {
    static final long T0 = 1_700_000_000_000L;
    static SparkSession spark;

    @BeforeAll
    static void up() {
        spark = LocalSpark.start("PipelineStreamingTest");
    }

    @AfterAll
    static void down() {
        if (spark != null) spark.stop();
    }

    @Test
    void deadLettersBypassTheStateAndTheSourceIsReadOncePerBatch() throws Exception {
        MemoryStream<Row> in = MemoryStream.apply(1, spark.sqlContext(), Option.apply(2), Encoders.row(SparkTests.KAFKA_ROWS));
        Counters counters = new Counters(spark.sparkContext());
        PipelineOptions o = PipelineTest.options(InputFormat.JSON, new WindowSpec(Duration.ofSeconds(10), null, Duration.ofSeconds(5)),
                Format.JSON);
        StreamingQuery q = Pipeline.build(in.toDF(), o, counters).writeStream().format("memory").queryName("pipeline_stream")
                .outputMode(OutputMode.Append()).start();
        try {
            List<Reading> readings = TestReadings.generate(3, 4, 200, T0, 500);
            List<byte[]> values = TestReadings.encode(readings, Format.JSON);
            List<Row> rows = new ArrayList<>();
            int bad = 0;
            for (int i = 0; i < values.size(); i++) {
                rows.add(RowFactory.create(null, values.get(i), "in", i % 2, (long) i));
                if (i % 4 == 0) {
                    rows.add(RowFactory.create(null, ("not a reading " + i).getBytes(StandardCharsets.UTF_8), "in", i % 2, 100_000L + i));
                    bad++;
                }
            }
            in.addData(JavaConverters.asScalaBuffer(rows).toSeq());
            q.processAllAvailable();

            SparkPlan plan = ((StreamingQueryWrapper) q).streamingQuery().lastExecution().executedPlan();
            // The other exchange is the state operator's initial state (none here).
            assertThat(nodes(plan, ShuffleExchangeExec.class)).as(plan.treeString())
                    .filteredOn(e -> e.shuffleOrigin() == org.apache.spark.sql.execution.exchange.REPARTITION_BY_COL$.MODULE$).hasSize(1);
            assertThat(nodes(plan, ReusedExchangeExec.class)).as(plan.treeString()).hasSize(1);
            assertThat(nodes(plan, FlatMapGroupsWithStateExec.class)).as(plan.treeString()).hasSize(1);
            // Each record packed once: with a second read of the source, the packer would count everything twice.
            assertThat(counters.readings()).isEqualTo(readings.size());
            assertThat(counters.deadLetters()).isEqualTo(bad);

            List<Row> dlq = spark.sql("select * from pipeline_stream where topic = 'dlq'").collectAsList();
            Set<String> sources = new HashSet<>();
            for (Row r : dlq) {
                List<Row> headers = r.getList(3);
                String value = new String((byte[]) r.get(2), StandardCharsets.UTF_8);
                String source = new String((byte[]) headers.get(1).get(1), StandardCharsets.UTF_8);
                assertThat(source).isEqualTo("in-" + (Long.parseLong(value.substring("not a reading ".length())) % 2)
                        + "@" + (100_000L + Long.parseLong(value.substring("not a reading ".length()))));
                assertThat(sources.add(source)).as("%s twice", source).isTrue();
            }
            assertThat(dlq).hasSize(bad);
            assertThat(spark.sql("select * from pipeline_stream where topic = 'report'").count()).isPositive();
        } finally {
            q.stop();
        }
    }

    static <T> List<T> nodes(SparkPlan plan, Class<T> type) {
        return JavaConverters.seqAsJavaList(plan.collect(of(type)));
    }

    @SuppressWarnings("unchecked")
    static <T> scala.PartialFunction<SparkPlan, T> of(Class<T> type) {
        return new scala.runtime.AbstractPartialFunction<>() {
            @Override
            public boolean isDefinedAt(SparkPlan p) {
                return type.isInstance(p);
            }

            @Override
            public T apply(SparkPlan p) {
                return (T) p;
            }
        };
    }
}
