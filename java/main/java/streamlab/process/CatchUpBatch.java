package streamlab.process;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.apache.spark.SparkContext;

/**
 * How many records a micro-batch reads at most when {@code --max-offsets-per-trigger} is not given: derived
 * from the heap of the JVMs that run the tasks, so a backlog of any size is read in batches that fit.
 * <p>
 * What a batch holds grows with its records: every reading of a sensor in the batch, sorted, for the alert
 * rules (about 50 bytes each), and the windows those readings open (about 200 bytes each at worst, one
 * reading per window). {@value #RECORDS_PER_GIB} records per GiB keeps that under a quarter of the heap.
 * Larger batches are faster, since each batch pays for its planning, its tasks and its state and checkpoint
 * commits: on 2 cores, 6 million JSON readings took 19.0 s as a whole process in batches of 1,000,000 and
 * 15.2 s in one batch. Progress is printed during a batch, so large batches are not silent.
 */
final class CatchUpBatch {
    static final long RECORDS_PER_GIB = 1_000_000;
    static final long MIN_RECORDS = 100_000;
    private static final long GIB = 1L << 30;

    private CatchUpBatch() {}

    /** The cap for tasks run by this context: the driver's own heap in local mode, else an executor's. */
    static long records(SparkContext sc) {
        long heap = sc.isLocal() ? maxHeap() : sc.getConf().getSizeAsBytes("spark.executor.memory", "1g");
        return forHeap(heap);
    }

    /**
     * This JVM's {@code -Xmx}. Not {@code Runtime.maxMemory()}: with the parallel collector (bin/streamlab's) that
     * leaves out a survivor space, 1.77 GiB for {@code -Xmx2g}, and a backlog of 6 million took four batches
     * and a half-empty one instead of three.
     */
    static long maxHeap() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return Long.parseLong(vm.getVMOption("MaxHeapSize").getValue());
        } catch (RuntimeException | LinkageError e) {
            return Runtime.getRuntime().maxMemory();
        }
    }

    /** {@value #RECORDS_PER_GIB} per GiB of heap, in whole ten-thousands, at least {@value #MIN_RECORDS}. */
    static long forHeap(long heapBytes) {
        long records = (long) ((double) heapBytes / GIB * RECORDS_PER_GIB) / 10_000 * 10_000;
        return Math.max(MIN_RECORDS, records);
    }
}
