package streamlab.produce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import streamlab.codec.Reading;
import streamlab.common.UserException;

/** {@code --record FILE}: the readings sent, as CSV {@code sensor,ts,seq,temperature}, the columns {@code replay} reads by default. */
final class ReadingRecorder implements AutoCloseable {
    static final String[] HEADER = {Reading.SENSOR, Reading.TS, Reading.SEQ, Reading.TEMPERATURE};
    private final Path file;
    private final CSVPrinter csv;

    ReadingRecorder(Path file) {
        this.file = file;
        try {
            this.csv = CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator('\n').build()
                    .print(Files.newBufferedWriter(file));
        } catch (IOException e) {
            throw new UserException("--record: cannot write " + file + ": " + e.getMessage());
        }
    }

    void record(Reading r) {
        try {
            csv.printRecord(r.sensor(), r.ts(), r.seq(), r.temperature());
        } catch (IOException e) {
            throw new UncheckedIOException("--record: cannot write " + file, e);
        }
    }

    @Override
    public void close() throws IOException {
        csv.close(true);
    }
}
