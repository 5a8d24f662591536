package streamlab.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.apache.spark.network.util.JavaUtils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CatchUpBatchTest {
    private static final long MIB = 1L << 20;

    @Test
    void aMillionRecordsPerGibOfHeap() {
        assertThat(CatchUpBatch.forHeap(2048 * MIB)).isEqualTo(2_000_000);
        assertThat(CatchUpBatch.forHeap(512 * MIB)).as("the memory drill's heap").isEqualTo(500_000);
        assertThat(CatchUpBatch.forHeap(768 * MIB)).isEqualTo(750_000);
        assertThat(CatchUpBatch.forHeap(16384 * MIB)).isEqualTo(16_000_000);
    }

    @Test
    void theHeapIsTheJvmsXmxNotWhatTheCollectorLeavesForObjects() {
        long xmx = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-Xmx"))
                .reduce((a, b) -> b).map(a -> JavaUtils.byteStringAsBytes(a.substring(4))).orElse(-1L);
        Assumptions.assumeTrue(xmx > 0, "the test JVM has no -Xmx");
        assertThat(CatchUpBatch.maxHeap()).isEqualTo(xmx).isGreaterThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }

    @Test
    void roundedDownToTenThousandsAndNeverBelowTheFloor() {
        // What G1 reports for -Xmx2g can be a little under 2 GiB.
        assertThat(CatchUpBatch.forHeap(2048 * MIB - 1)).isEqualTo(1_990_000);
        assertThat(CatchUpBatch.forHeap(64 * MIB)).isEqualTo(CatchUpBatch.MIN_RECORDS);
        assertThat(CatchUpBatch.forHeap(0)).isEqualTo(CatchUpBatch.MIN_RECORDS);
    }
}
