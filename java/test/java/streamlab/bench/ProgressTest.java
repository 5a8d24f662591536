package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** The fields the bench reads, as StreamingQueryProgress.json() writes them. */
    private static String batch(long id, String start, long ms, long rowsIn, long state, long out) {
        return "{\"id\":\"q\",\"batchId\":" + id + ",\"timestamp\":\"" + start + "\",\"numInputRows\":" + rowsIn
                + ",\"durationMs\":{\"addBatch\":" + (ms / 2) + ",\"triggerExecution\":" + ms + "},\"stateOperators\":[{\"operatorName\":\"flatMapGroupsWithState\","
                + "\"numRowsTotal\":" + state + "}],\"sources\":[],\"sink\":{\"description\":\"kafka\",\"numOutputRows\":" + out + "}}";
    }

    @Test
    void batchesRunFromTheFirstStartToTheEndOfTheLastBatchThatWrote() throws Exception {
        Progress p = Progress.parse(List.of(
                batch(0, "2024-05-01T10:00:00.000Z", 2500, 60000, 1000, 0),
                batch(1, "2024-05-01T10:00:02.600Z", 1400, 40000, 1500, 3000),
                // the final no-data batch writes nothing: not in the figure
                batch(2, "2024-05-01T10:00:04.100Z", 300, 0, 500, 0)));
        assertThat(p.batchesSeconds()).isEqualTo(4.0);
        assertThat(p.stateRowsPeak()).isEqualTo(1500);
        assertThat(p.stateRowsLast()).isEqualTo(500);
        assertThat(p.batches()).isEqualTo(3);
        assertThat(p.rowsIn()).isEqualTo(100000);
        assertThat(p.batchMillis()).containsExactly(2500.0, 1400.0, 300.0);
    }

    @Test
    void aLineAsSparkWritesIt() throws Exception {
        // StreamingQueryProgress.json() of process's first batch in a bench run (Spark 3.5.7): it has no batchDuration
        String line = "{\"id\":\"1abf485a-3265-4ebf-8224-2a391812e3bd\",\"runId\":\"efe93f4a-852c-4990-95fe-b0973c574069\","
                + "\"name\":\"process\",\"timestamp\":\"2026-12-03T07:16:09.641Z\",\"batchId\":0,\"numInputRows\":0,"
                + "\"inputRowsPerSecond\":0.0,\"processedRowsPerSecond\":0.0,\"durationMs\":{\"addBatch\":17059,\"commitOffsets\":222,"
                + "\"getBatch\":96,\"latestOffset\":2148,\"queryPlanning\":4977,\"triggerExecution\":24768,\"walCommit\":193},"
                + "\"eventTime\":{\"watermark\":\"1970-01-01T00:00:00.000Z\"},\"stateOperators\":[{\"operatorName\":"
                + "\"flatMapGroupsWithState\",\"numRowsTotal\":7,\"numRowsUpdated\":0}],\"sources\":[{\"description\":"
                + "\"KafkaV2[Subscribe[bench.process.latency]]\",\"startOffset\":null,\"endOffset\":{\"bench.process.latency\":"
                + "{\"1\":0,\"0\":0}},\"numInputRows\":0}],\"sink\":{\"description\":\"KafkaTable\",\"numOutputRows\":0}}";
        Progress p = Progress.parse(List.of(line));
        assertThat(p.batchMillis()).containsExactly(24768.0);
        assertThat(p.batchesSeconds()).isEqualTo(24.768);
        assertThat(p.stateRowsPeak()).isEqualTo(7);
    }

    @Test
    void withoutOutputTheLastBatchEnds() throws Exception {
        Progress p = Progress.parse(List.of(
                batch(0, "2024-05-01T10:00:00.000Z", 2000, 5000, 5000, 0),
                batch(1, "2024-05-01T10:00:02.000Z", 1500, 0, 5000, 0)));
        assertThat(p.batchesSeconds()).isEqualTo(3.5);
    }

    @Test
    void noBatchesNoFigure() throws Exception {
        Progress p = Progress.parse(List.of());
        assertThat(p.batchesSeconds()).isNull();
        assertThat(p.batches()).isZero();
    }

    @Test
    void aLineStillBeingWrittenWaitsForTheNextRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("progress.json");
        String first = batch(0, "2024-05-01T10:00:00.000Z", 2000, 5000, 5000, 10);
        String second = batch(1, "2024-05-01T10:00:02.000Z", 1500, 0, 5000, 0);
        java.nio.file.Files.writeString(f, first + "\n" + second.substring(0, 40));
        assertThat(Progress.read(f).batches()).isEqualTo(1);
        java.nio.file.Files.writeString(f, first + "\n" + second + "\n");
        assertThat(Progress.read(f).batches()).isEqualTo(2);
        assertThat(Progress.read(dir.resolve("none.json")).batches()).isZero();
    }
}
