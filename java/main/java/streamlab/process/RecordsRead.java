package streamlab.process;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanExecBase;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.execution.streaming.StreamExecution;
import org.apache.spark.sql.execution.streaming.StreamingQueryWrapper;
import org.apache.spark.sql.streaming.StreamingQuery;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * How many records the running micro-batch has read so far: the source scan's "number of output rows", as
 * Spark's SQL tab shows it, summed over the tasks that finished (on the driver) and the ones still running
 * (their executors' last heartbeat carries the task's SQL metrics). A micro-batch of a backlog can last
 * minutes, and the query's own progress comes only at its end. Spark internals: -1 whenever they do not
 * answer, and the job prints its progress per batch only.
 */
final class RecordsRead extends SparkListener {
    /** Per running task: accumulator id to the value of its last heartbeat. */
    private final Map<Long, Map<Long, Long>> running = new ConcurrentHashMap<>();

    /** Records read by the batch that runs now, or -1 when unknown. */
    long inRunningBatch(StreamingQuery query) {
        try {
            StreamExecution execution = ((StreamingQueryWrapper) query).streamingQuery();
            if (execution.lastExecution() == null) return -1;
            SparkPlan plan = execution.lastExecution().executedPlan();
            long n = 0;
            boolean found = false;
            for (SparkPlan node : JavaConverters.seqAsJavaList(plan.collectLeaves())) {
                if (!(node instanceof DataSourceV2ScanExecBase)) continue;
                scala.Option<SQLMetric> rows = node.metrics().get("numOutputRows");
                if (rows.isEmpty()) continue;
                found = true;
                long id = rows.get().id();
                n += rows.get().value();
                for (Map<Long, Long> task : running.values()) n += task.getOrDefault(id, 0L);
            }
            return found ? n : -1;
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        running.putIfAbsent(e.taskInfo().taskId(), new ConcurrentHashMap<>());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        running.remove(e.taskInfo().taskId());
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
        for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> task : JavaConverters.seqAsJavaList(e.accumUpdates())) {
            Map<Long, Long> values = new ConcurrentHashMap<>();
            for (AccumulableInfo a : JavaConverters.seqAsJavaList(task._4())) {
                if (a.update().isDefined() && a.update().get() instanceof Long v) values.put(a.id(), v);
            }
            // Only tasks still running: a heartbeat sent before a task ended may arrive after its end.
            running.computeIfPresent((Long) task._1(), (id, old) -> values);
        }
    }
}
