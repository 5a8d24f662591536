package streamlab.produce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import streamlab.common.UserException;

/** {@code --truth FILE}: CSV {@code sensor,kind,start,end}, one row per injected fault, for {@code score}. */
final class TruthWriter implements TruthSink, AutoCloseable {
    static final String[] HEADER = {"sensor", "kind", "start", "end"};
    private final Path file;
    private final CSVPrinter csv;

    TruthWriter(Path file) {
        this.file = file;
        try {
            this.csv = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator('\n').build()
                    .print(Files.newBufferedWriter(file));
        } catch (IOException e) {
            throw new UserException("--truth: cannot write " + file + ": " + e.getMessage());
        }
    }

    @Override
    public void fault(String sensor, FaultKind kind, long start, long end) {
        try {
            csv.printRecord(sensor, kind.lower(), start, end);
        } catch (IOException e) {
            throw new UncheckedIOException("--truth: cannot write " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close(true);
    }
}
