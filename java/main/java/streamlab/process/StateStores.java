package streamlab.process;

import org.apache.spark.sql.execution.streaming.state.StateStore;

/** The state stores this JVM has loaded (local mode: the driver runs the tasks). */
public final class StateStores {
    private StateStores() {}

    /**
     * Closes them, and stops their maintenance thread, before the JVM exits. Stopping the SparkContext does not:
     * a RocksDB store left open at exit can deadlock the JVM for good. Its background thread calls into the JVM
     * (RocksDB's log goes to Java) while the exiting JVM joins that thread: seen in the bench, where a run with
     * {@code RocksDBStateStoreProvider} printed its last line and then hung, 0 % CPU, until killed.
     */
    public static void closeLoaded() {
        StateStore.stop();
    }
}
