package streamlab.score;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import streamlab.common.UserException;

/** Reads the truth CSV {@code sensor,kind,start,end} that {@code produce --truth} writes; errors name file and line. */
final class TruthFile {
    static final String[] HEADER = {"sensor", "kind", "start", "end"};

    private TruthFile() {}

    static List<TruthRow> read(Path file) {
        List<TruthRow> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
        try (Reader in = Files.newBufferedReader(file); CSVParser csv = format.parse(in)) {
            Map<String, Integer> header = csv.getHeaderMap();
            for (String h : HEADER) {
                if (!header.containsKey(h)) {
                    throw new UserException("--truth: " + file + ": no column '" + h + "' (expected sensor,kind,start,end, as produce --truth writes)");
                }
            }
            for (CSVRecord r : csv) {
                long line = r.getParser().getCurrentLineNumber();
                String sensor = r.get("sensor");
                String kind = r.get("kind");
                if (sensor.isEmpty() || kind.isEmpty()) throw new UserException("--truth: " + file + ":" + line + ": empty sensor or kind");
                long start = number(file, line, "start", r.get("start"));
                long end = number(file, line, "end", r.get("end"));
                if (end < start) throw new UserException("--truth: " + file + ":" + line + ": end " + end + " is before start " + start);
                rows.add(new TruthRow(sensor, kind, start, end));
            }
        } catch (NoSuchFileException e) {
            throw new UserException("--truth: no such file: " + file);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            if (e instanceof UserException u) throw u;
            throw new UserException("--truth: cannot read " + file + ": " + e.getMessage());
        }
        return rows;
    }

    private static long number(Path file, long line, String column, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UserException("--truth: " + file + ":" + line + ": column '" + column + "': '" + text + "' is not epoch ms");
        }
    }
}
