package streamlab.process;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/**
 * {@code --progress-json FILE}: each micro-batch's {@code StreamingQueryProgress} as Spark renders it
 * ({@code json()}, one object a line), for programs such as the bench that need the figures rather than the
 * progress lines written for people. Flushed per batch, so a reader sees every finished batch.
 */
public final class ProgressJsonFile extends StreamingQueryListener implements AutoCloseable {
    private final BufferedWriter out;
    private final PrintStream err;
    private volatile long lastBatch = -1;

    /** @param err where a failure to write the file is reported: the command's error stream */
    public ProgressJsonFile(Path file, PrintStream err) throws IOException {
        this.err = err;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {}

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
        try {
            out.write(event.progress().json());
            out.newLine();
            out.flush();
            lastBatch = Math.max(lastBatch, event.progress().batchId());
        } catch (IOException e) {
            // The job's output matters more than its figures: one line on stderr, and the job goes on.
            err.println("process: --progress-json: " + e.getMessage());
        }
    }

    /** The newest batch written; -1 before the first. */
    public long lastBatch() {
        return lastBatch;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            err.println("process: --progress-json: " + e.getMessage());
        }
    }
}
