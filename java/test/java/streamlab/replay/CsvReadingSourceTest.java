package streamlab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static streamlab.replay.ReplayFiles.gzip;
import static streamlab.replay.ReplayFiles.layout;
import static streamlab.replay.ReplayFiles.ours;
import static streamlab.replay.ReplayFiles.readAll;
import static streamlab.replay.ReplayFiles.resource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import streamlab.codec.Reading;
import streamlab.common.UserException;

class CsvReadingSourceTest {
    private static final List<Reading> OURS = List.of(
            new Reading("s-01", 1714521600000L, 0, 21.5),
            new Reading("s-02", 1714521600000L, 0, 19.25),
            new Reading("s-01", 1714521601000L, 1, 21.6),
            new Reading("s-02", 1714521601000L, 1, 19.5),
            new Reading("s-01", 1714521602000L, 2, -3.75),
            new Reading("s-02", 1714521602000L, 2, 19.0));

    @TempDir
    Path tmp;

    private static CsvReadingSource open(Path file, CsvLayout layout, boolean skipBad) {
        return CsvReadingSource.open(file, file.getFileName().toString(), layout, skipBad);
    }

    @Test
    void readsOurOwnFormatInFileOrder() {
        assertThat(readAll(open(resource("ours.csv"), CsvLayout.ours(), false))).isEqualTo(OURS);
    }

    @Test
    void readsGzipAndReportsProgressByCompressedBytes() throws IOException {
        Path gz = gzip(resource("ours.csv"), tmp);
        assertThat(Files.size(gz)).isLessThan(Files.size(resource("ours.csv")));
        try (CsvReadingSource s = open(gz, CsvLayout.ours(), false)) {
            assertThat(s.fractionRead()).isLessThanOrEqualTo(1.0);
            List<Reading> got = new ArrayList<>();
            Reading r;
            while ((r = s.next()) != null) got.add(r);
            assertThat(got).isEqualTo(OURS);
            assertThat(s.fractionRead()).isEqualTo(1.0);
        }
    }

    @Test
    void progressOfAPlainFileGrowsWithTheBytesRead() throws IOException {
        Path big = tmp.resolve("big.csv");
        StringBuilder sb = new StringBuilder("sensor,ts,seq,temperature\n");
        for (int i = 0; i < 40_000; i++) sb.append("s-01,").append(1714521600000L + i * 1000L).append(',').append(i).append(",21.5\n");
        Files.writeString(big, sb);
        try (CsvReadingSource s = open(big, CsvLayout.ours(), false)) {
            for (int i = 0; i < 1_000; i++) s.next();
            double early = s.fractionRead();
            assertThat(early).isGreaterThan(0.0).isLessThan(0.5);
            while (s.next() != null) { }
            assertThat(s.fractionRead()).isEqualTo(1.0);
            assertThat(s.line()).isEqualTo(40_001);
        }
    }

    @Test
    void columnMappingWithSensorConstantAndIsoTimes() {
        ColumnMapping m = new ColumnMapping("sensor", "room-1", "timestamp", "temp_c", "seq", false);
        List<Reading> got = readAll(open(resource("room-iso.csv"), layout(m, "iso", "UTC", ','), false));
        assertThat(got).containsExactly(
                new Reading("room-1", Instant.parse("2024-05-01T00:00:00Z").toEpochMilli(), 0, 21.5),
                new Reading("room-1", Instant.parse("2024-05-01T00:00:30.250Z").toEpochMilli(), 1, 21.625),
                new Reading("room-1", Instant.parse("2024-05-01T00:01:00Z").toEpochMilli(), 2, 21.75),
                new Reading("room-1", Instant.parse("2024-05-01T00:01:30Z").toEpochMilli(), 3, 22.0));
    }

    @Test
    void delimiterPatternZoneAndSeqPerSensorAcrossDst() {
        ColumnMapping m = new ColumnMapping("id", null, "date", "t", "seq", false);
        CsvReadingSource s = open(resource("office-semicolon.csv"), layout(m, "dd/MM/yyyy HH:mm", "Europe/Paris", ';'), true);
        List<Reading> got = readAll(s);
        assertThat(got).containsExactly(
                new Reading("a", Instant.parse("2024-03-31T00:00:00Z").toEpochMilli(), 0, 18.5),
                new Reading("b", Instant.parse("2024-03-31T00:00:00Z").toEpochMilli(), 0, 17.0),
                new Reading("a", Instant.parse("2024-03-31T01:00:00Z").toEpochMilli(), 1, 18.25),
                new Reading("b", Instant.parse("2024-03-31T01:00:00Z").toEpochMilli(), 1, 17.5));
        // "18,5" is not a number: skipped, and it did not use up seq 0 of sensor a.
        assertThat(s.badRows().count()).isEqualTo(1);
        assertThat(s.badRows().firstProblem())
                .isEqualTo("office-semicolon.csv:2: column 't': '18,5' is not a number");
    }

    @Test
    void seqColumnIsUsedWhenPresentAndAssignedWhenNot() {
        assertThat(readAll(ours("sensor,ts,seq,temperature\ns-01,1000,41,20\ns-01,2000,43,21\n")))
                .extracting(Reading::seq).containsExactly(41L, 43L);
        assertThat(readAll(ours("temperature,ts,sensor\n20,1000,a\n21,1000,b\n22,2000,a\n23,2000,b\n24,3000,a\n")))
                .extracting(r -> r.sensor() + r.seq()).containsExactly("a0", "b0", "a1", "b1", "a2");
    }

    @Test
    void headerNamesMatchIgnoringCaseSpacesAndByteOrderMark() {
        assertThat(readAll(ours("\uFEFFSensor, TS ,Temperature\ns-01,1000,20.5\n")))
                .containsExactly(new Reading("s-01", 1000, 0, 20.5));
    }

    @Test
    void badRowStopsWithFileLineColumnAndReason() {
        CsvReadingSource s = open(resource("bad-rows.csv"), CsvLayout.ours(), false);
        assertThat(s.next()).isEqualTo(new Reading("s-01", 1714521600000L, 0, 21.5));
        assertThatThrownBy(s::next)
                .isInstanceOf(BadRowException.class)
                .hasMessage("bad-rows.csv:3: column 'temperature': 'abc' is not a number");
        s.close();
    }

    @Test
    void everyKindOfBadRowIsNamedPrecisely() {
        String header = "sensor,ts,seq,temperature\n";
        assertBad(header + ",1000,0,20\n", "data.csv:2: column 'sensor': empty sensor id");
        assertBad(header + "s,1000,0\n", "data.csv:2: 3 columns where the header has 4");
        assertBad(header + "s,1000,0,20,extra\n", "data.csv:2: 5 columns where the header has 4");
        assertBad(header + "s,yesterday,0,20\n",
                "data.csv:2: column 'ts': 'yesterday' is not epoch milliseconds (see --time-format)");
        assertBad(header + "s,,0,20\n", "data.csv:2: column 'ts': empty time");
        assertBad(header + "s,1000,0,NaN\n", "data.csv:2: column 'temperature': 'NaN' is not a finite number");
        assertBad(header + "s,1000,0,-Infinity\n", "data.csv:2: column 'temperature': '-Infinity' is not a finite number");
        assertBad(header + "s,1000,0,\n", "data.csv:2: column 'temperature': empty value");
        assertBad(header + "s,1000,x,20\n", "data.csv:2: column 'seq': 'x' is not a whole number");
        assertBad(header + "s,1000,-1,20\n", "data.csv:2: column 'seq': '-1' is negative");
        // Blank lines still count, so the number is the line an editor shows.
        assertBad(header + "s,1000,0,20\n\n\ns,1000,1,oops\n", "data.csv:5: column 'temperature': 'oops' is not a number");
    }

    private static void assertBad(String csv, String message) {
        assertThatThrownBy(() -> readAll(ours(csv))).isInstanceOf(BadRowException.class).hasMessage(message);
    }

    @Test
    void skipBadCountsAndKeepsTheFirstLineNumbers() {
        CsvReadingSource s = open(resource("bad-rows.csv"), CsvLayout.ours(), true);
        List<Reading> got = readAll(s);
        assertThat(got).extracting(Reading::seq).containsExactly(0L, 2L, 9L);
        BadRows bad = s.badRows();
        assertThat(bad.count()).isEqualTo(7);
        assertThat(bad.firstLines()).containsExactly(3L, 6L, 7L, 8L, 9L);
        assertThat(bad.report()).isEqualTo("skipped 7 bad rows (lines 3, 6, 7, 8, 9, ...; "
                + "first: bad-rows.csv:3: column 'temperature': 'abc' is not a number)");
    }

    @Test
    void missingColumnFailsAtStartNamingItTheColumnsAndTheOption() {
        assertThatThrownBy(() -> ours("sensor,ts,seq,temp\ns,1,0,2\n"))
                .isInstanceOf(UserException.class)
                .hasMessage("data.csv: no column 'temperature' in the header (columns: sensor, ts, seq, temp); "
                        + "name the right one with --value-col")
                .satisfies(e -> assertThat(((UserException) e).exitCode()).isEqualTo(2));
        ColumnMapping m = new ColumnMapping("id", null, "ts", "temperature", "counter", true);
        assertThatThrownBy(() -> CsvReadingSource.of(new StringReader("id,ts,temperature\n"), "x.csv", layout(m, "epoch-ms", "UTC", ','), false))
                .hasMessage("x.csv: no column 'counter' in the header (columns: id, ts, temperature); name the right one with --seq-col");
        assertThatThrownBy(() -> ours("id,ts,temperature\n"))
                .hasMessageContaining("no column 'sensor'").hasMessageEndingWith("--sensor-col (or --sensor ID)");
    }

    @Test
    void emptyAndMissingFilesAreOneLineErrors() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.csv"));
        assertThatThrownBy(() -> open(empty, CsvLayout.ours(), false))
                .isInstanceOf(UserException.class).hasMessage("empty.csv: the file is empty; expected a header line");
        assertThatThrownBy(() -> CsvReadingSource.open(tmp.resolve("nope.csv"), "data/nope.csv", CsvLayout.ours(), false))
                .isInstanceOf(UserException.class).hasMessage("no such file: data/nope.csv");
    }

    @Test
    void brokenQuotingIsFatalEvenWhenSkippingBadRows() {
        CsvReadingSource s = CsvReadingSource.of(new StringReader("sensor,ts,seq,temperature\ns,1,0,2\n\"s,2,1,3\n"),
                "q.csv", CsvLayout.ours(), true);
        assertThat(s.next()).isNotNull();
        assertThatThrownBy(s::next).isInstanceOf(UserException.class).hasMessageStartingWith("q.csv:").hasMessageContaining("malformed CSV");
    }

    /** --time-format auto over files shaped as students bring them: the first row decides, every row follows. */
    @Test
    void autoReadsIsoEpochSecondsAndOurOwnMillisecondsFiles() {
        CsvLayout iso = layout(new ColumnMapping(Reading.SENSOR, "room", "timestamp", "temp_c", null, false), "auto", "UTC", ',');
        assertThat(readAll(open(resource("room-iso.csv"), iso, false))).extracting(Reading::ts).containsExactly(
                ms("2024-05-01T00:00:00Z"), ms("2024-05-01T00:00:30.250Z"), ms("2024-05-01T00:01:00Z"), ms("2024-05-01T00:01:30Z"));
        assertThat(iso.time().chosen()).isEqualTo("an ISO-8601 time");

        CsvLayout seconds = layout(new ColumnMapping("station", null, "unix_time", "value", null, false), "auto", "UTC", ',');
        assertThat(readAll(open(resource("epoch-seconds.csv"), seconds, false))).containsExactly(
                new Reading("roof", 1714521600000L, 0, 12.5), new Reading("roof", 1714521660500L, 1, 12.75),
                new Reading("yard", 1714521600000L, 0, 11));
        assertThat(seconds.time().chosen()).isEqualTo("epoch seconds");

        CsvLayout millis = layout(ColumnMapping.ours(), "auto", "UTC", ',');
        assertThat(readAll(open(resource("ours.csv"), millis, false))).isEqualTo(OURS);
        assertThat(millis.time().chosen()).isEqualTo("epoch milliseconds");
        assertThat(millis.time().sample()).isEqualTo("1714521600000");
    }

    @Test
    void autoStopsAtAFirstRowItCannotPlaceEvenWhenSkippingBadRows() {
        CsvLayout office = layout(new ColumnMapping("id", null, "date", "t", null, false), "auto", "UTC", ';');
        for (boolean skipBad : new boolean[] {false, true}) {
            CsvReadingSource s = open(resource("office-semicolon.csv"), office, skipBad);
            assertThatThrownBy(s::next).isInstanceOf(UserException.class).isNotInstanceOf(BadRowException.class)
                    .hasMessage("office-semicolon.csv:2: column 'date': '30/03/2024 23:00' is not an ISO-8601 time"
                            + " (2024-03-01T12:00:00Z, with or without offset, 'T' or space), epoch seconds or epoch"
                            + " milliseconds, the forms --time-format auto recognises; give its pattern, e.g. --time-format"
                            + " 'dd/MM/yyyy HH:mm'")
                    .satisfies(e -> assertThat(((UserException) e).exitCode()).isEqualTo(2));
            s.close();
        }
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** Nothing dropped silently: every skipped row lands in the bad-rows file with its line and problem. */
    @Test
    void skippedRowsAreWrittenWithLineProblemAndTheirOwnFields() throws IOException {
        Path out = tmp.resolve("sub/bad-rows.bad-rows.csv");
        try (BadRowFile bad = new BadRowFile(out, "sub/bad-rows.bad-rows.csv")) {
            CsvReadingSource s = open(resource("bad-rows.csv"), CsvLayout.ours(), true).writeBadRowsTo(bad);
            assertThat(readAll(s)).hasSize(3);
            assertThat(bad.written()).isEqualTo(7);
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("line,problem,sensor,ts,seq,temperature");
        assertThat(lines.get(1)).isEqualTo("3,column 'temperature': 'abc' is not a number,s-01,1714521601000,1,abc");
        List<String> source = Files.readAllLines(resource("bad-rows.csv"));
        // each written row names a line of the input that is indeed not a reading, in file order
        List<Long> named = lines.subList(1, 8).stream().map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
        assertThat(named).isSorted().hasSize(7).startsWith(3L, 6L, 7L, 8L, 9L);
        assertThat(named).allSatisfy(n -> assertThat(source.get((int) (n - 1))).isNotBlank());
    }

    @Test
    void moreBadRowsThanTheLimitStopWithTheCountTheFileAndTheFirstProblem() throws IOException {
        Path out = tmp.resolve("bad.csv");
        try (BadRowFile bad = new BadRowFile(out, "var/replay/bad.csv")) {
            CsvReadingSource s = open(resource("bad-rows.csv"), CsvLayout.ours(), true).writeBadRowsTo(bad).limitBadRows(3);
            assertThatThrownBy(() -> readAll(s)).isInstanceOf(UserException.class).isNotInstanceOf(BadRowException.class)
                    .hasMessage("bad-rows.csv: more than 3 rows are not readings (--max-bad 3), stopped at line 8; the skipped"
                            + " rows are in var/replay/bad.csv; first: bad-rows.csv:3: column 'temperature': 'abc' is not a number");
            assertThat(bad.written()).isEqualTo(4);
        }
        assertThat(Files.readAllLines(out)).hasSize(5);
        // exactly at the limit is fine
        assertThat(readAll(open(resource("bad-rows.csv"), CsvLayout.ours(), true).limitBadRows(7))).hasSize(3);
    }

    @Test
    void aCleanFileLeavesNoBadRowsFileAndTheDefaultIsUnderVar() {
        Path out = tmp.resolve("none.csv");
        try (BadRowFile bad = new BadRowFile(out, "none.csv")) {
            assertThat(readAll(open(resource("ours.csv"), CsvLayout.ours(), true).writeBadRowsTo(bad))).isEqualTo(OURS);
        }
        assertThat(out).doesNotExist();
        Path var = Path.of("/kit/var");
        assertThat(BadRowFile.defaultFor(var, Path.of("data/sensors-3h.csv"))).isEqualTo(Path.of("/kit/var/replay/sensors-3h.bad-rows.csv"));
        assertThat(BadRowFile.defaultFor(var, Path.of("x/room.CSV.gz"))).isEqualTo(Path.of("/kit/var/replay/room.bad-rows.csv"));
        assertThat(BadRowFile.defaultFor(var, Path.of("log.txt"))).isEqualTo(Path.of("/kit/var/replay/log.txt.bad-rows.csv"));
    }
}
