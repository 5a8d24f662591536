package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
    /** The fields the bench reads, as StreamingQueryProgress.json() writes them. */
    private static String batch(long id, String start, long ms, long rowsIn, long state, long out) {
        return "{\"id\":\"q\",\"batchId\":" + id + ",\"timestamp\":\"" + start + "\",\"numInputRows\":" + rowsIn + ",\"batchDuration\":" + ms
                + ",\"durationMs\":{\"triggerExecution\":" + ms + "},\"stateOperators\":[{\"operatorName\":\"flatMapGroupsWithState\","
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
