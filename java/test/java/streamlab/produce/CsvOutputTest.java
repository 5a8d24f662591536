package streamlab.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Format;
import streamlab.codec.Reading;
import streamlab.codec.ReadingCodec;

class CsvOutputTest {
    @TempDir
    Path dir;

    static List<CSVRecord> read(Path file, String... header) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
            assertThat(rows.isEmpty() ? List.of() : rows.get(0).getParser().getHeaderNames()).isIn(List.of(), List.of(header));
            return rows;
        }
    }

    @Test
    void truthAndRecordFilesHoldExactlyWhatWasInjectedAndSent() throws IOException {
        Path truthFile = dir.resolve("truth.csv");
        Path recordFile = dir.resolve("run.csv");
        FaultPlan plan = new FaultPlan(0.01, 1, 1, 0.02, 20_000, 0.01, 0.01, 60_000);
        Simulated expected = Simulated.run(8, 1000, 8_000, 21, plan, Format.MSGPACK);
        try (TruthWriter truth = new TruthWriter(truthFile); ReadingRecorder recorder = new ReadingRecorder(recordFile)) {
            EmissionStream s = new EmissionStream(8, 1000, Simulated.START, 21, plan, ReadingCodec.of(Format.MSGPACK), truth, 8_000);
            for (Emission e; (e = s.next()) != null; ) if (e.kind() == Emission.Kind.READING) recorder.record(e.reading());
        }

        List<CSVRecord> truthRows = read(truthFile, "sensor", "kind", "start", "end");
        assertThat(truthRows).hasSize(expected.truth().size());
        for (int i = 0; i < truthRows.size(); i++) {
            CSVRecord row = truthRows.get(i);
            Simulated.Fault f = expected.truth().get(i);
            assertThat(row.get("sensor")).isEqualTo(f.sensor());
            assertThat(row.get("kind")).isEqualTo(f.kind().lower());
            assertThat(Long.parseLong(row.get("start"))).isEqualTo(f.start());
            assertThat(Long.parseLong(row.get("end"))).isEqualTo(f.end());
        }
        assertThat(truthRows.stream().map(r -> r.get("kind")).distinct())
                .containsExactlyInAnyOrder("spike", "stuck", "silence", "late", "duplicate", "malformed");

        List<CSVRecord> recorded = read(recordFile, "sensor", "ts", "seq", "temperature");
        List<Reading> sent = expected.readings();
        assertThat(recorded).hasSize(8_000).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            CSVRecord row = recorded.get(i);
            assertThat(new Reading(row.get("sensor"), Long.parseLong(row.get("ts")), Long.parseLong(row.get("seq")),
                    Double.parseDouble(row.get("temperature")))).isEqualTo(sent.get(i));
        }
        assertThat(Files.readAllLines(recordFile).get(1)).matches("sensor-\\d,\\d{13},0,-?\\d+(\\.\\d{1,2})?");
    }
}
