package streamlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of a run from its micro-batches' progress, as Spark reports them ({@code --progress-json}: one
 * {@code StreamingQueryProgress} JSON a line).
 *
 * @param batchesSeconds first micro-batch start to the end of the batch that wrote the run's last row to the
 *     sink (the last batch's end when nothing was written); null without batches
 * @param stateRowsPeak the most state rows at once (summed over the batch's stateful operators)
 * @param stateRowsLast state rows after the final batch
 * @param batches micro-batches reported
 * @param rowsIn records read, over all batches
 * @param batchMillis each batch's duration, in ms
 */
record Progress(Double batchesSeconds, long stateRowsPeak, long stateRowsLast, int batches, long rowsIn, double[] batchMillis) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The batches in FILE so far; a line the job is still writing (no newline yet) is left for the next read. */
    static Progress read(Path file) throws IOException {
        if (!Files.exists(file)) return parse(List.of());
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        return parse(end < 0 ? List.of() : List.of(text.substring(0, end).split("\n")));
    }

    static Progress parse(List<String> lines) throws IOException {
        long first = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        long written = 0;
        long lastWriteEnd = Long.MIN_VALUE;
        long peak = 0;
        long state = 0;
        long rows = 0;
        List<Double> durations = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) continue;
            JsonNode p = JSON.readTree(line);
            long start = Instant.parse(p.path("timestamp").asText()).toEpochMilli();
            // json() leaves batchDuration out; triggerExecution times the same batch, from its start to its end.
            long duration = p.path("durationMs").path("triggerExecution").asLong();
            long end = start + duration;
            first = Math.min(first, start);
            lastEnd = Math.max(lastEnd, end);
            state = 0;
            for (JsonNode op : p.path("stateOperators")) state += op.path("numRowsTotal").asLong();
            peak = Math.max(peak, state);
            rows += Math.max(0, p.path("numInputRows").asLong());
            long out = p.path("sink").path("numOutputRows").asLong(-1);
            if (out > 0) {
                written += out;
                lastWriteEnd = Math.max(lastWriteEnd, end);
            }
            durations.add((double) duration);
        }
        if (durations.isEmpty()) return new Progress(null, 0, 0, 0, 0, new double[0]);
        long end = written > 0 ? lastWriteEnd : lastEnd;
        return new Progress((end - first) / 1000.0, peak, state, durations.size(), rows,
                durations.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
