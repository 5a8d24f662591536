package streamlab.replay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import streamlab.codec.Reading;
import streamlab.common.UserException;

/**
 * Readings from one CSV file with a header, in file order, plain or gzip-compressed (detected by
 * its magic bytes, not its name). A bad row either stops the source with a {@link BadRowException}
 * naming file, line and column, or, with {@code skipBad}, is counted in {@link #badRows()}.
 * Without a seq column, sequence numbers are assigned per sensor from 0 in file order; bad rows
 * do not use one up.
 */
public final class CsvReadingSource implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final String file;
    private final CountingInputStream counting;
    private final long size;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final ColumnMapping.Columns columns;
    private final TimeParser time;
    private final String sensorConstant;
    private final boolean skipBad;
    private final BadRows badRows = new BadRows();
    private final Map<String, long[]> nextSeq = new HashMap<>();
    private long line;
    private BadRowFile badRowFile;
    private long maxBad = Long.MAX_VALUE;

    private CsvReadingSource(String file, Reader reader, CountingInputStream counting, long size,
                             CsvLayout layout, boolean skipBad) throws IOException {
        this.file = file;
        this.counting = counting;
        this.size = size;
        this.time = layout.time();
        this.sensorConstant = layout.mapping().sensorConstant();
        this.skipBad = skipBad;
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(layout.delimiter())
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true)
                .build();
        this.parser = format.parse(reader);
        this.records = parser.iterator();
        try {
            this.columns = layout.mapping().resolve(readHeader(), file);
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    /**
     * Opens a file and reads its header; fails with a {@link UserException} when the file is missing,
     * empty, or lacks a mapped column.
     *
     * @param name the file as the user wrote it, for messages
     */
    public static CsvReadingSource open(Path path, String name, CsvLayout layout, boolean skipBad) {
        InputStream raw = null;
        try {
            raw = Files.newInputStream(path);
            CountingInputStream counting = new CountingInputStream(raw);
            BufferedInputStream buffered = new BufferedInputStream(counting, BUFFER);
            InputStream in = isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER) : buffered;
            Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
            return new CsvReadingSource(name, reader, counting, Files.size(path), layout, skipBad);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + name);
        } catch (IOException e) {
            closeQuietly(raw);
            throw new UserException("cannot read " + name + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** A source over text that is not a file (tests, pipes); its progress fraction is unknown. */
    public static CsvReadingSource of(Reader reader, String name, CsvLayout layout, boolean skipBad) {
        try {
            return new CsvReadingSource(name, reader, null, -1, layout, skipBad);
        } catch (IOException e) {
            throw new UserException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    private List<String> readHeader() {
        CSVRecord header = nextRecord();
        if (header == null) throw new UserException(file + ": the file is empty; expected a header line");
        List<String> names = new ArrayList<>(header.toList());
        // Spreadsheet exports often start with a UTF-8 byte order mark, which would hide the first column's name.
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) names.set(0, names.get(0).substring(1).strip());
        return names;
    }

    /** The next reading, or null at the end of the file. */
    public Reading next() {
        CSVRecord record;
        while ((record = nextRecord()) != null) {
            try {
                return toReading(record);
            } catch (BadRowException e) {
                if (!skipBad) throw e;
                badRows.add(e);
                if (badRowFile != null) badRowFile.write(columns.names(), e.line(), e.problem(), record.toList());
                if (badRows.count() > maxBad) throw tooManyBad();
            }
        }
        return null;
    }

    /** With {@code skipBad}: also write each skipped row to {@code file}. */
    public CsvReadingSource writeBadRowsTo(BadRowFile file) {
        this.badRowFile = file;
        return this;
    }

    /** With {@code skipBad}: stop with a {@link UserException} once more than {@code max} rows were skipped. */
    public CsvReadingSource limitBadRows(long max) {
        this.maxBad = max;
        return this;
    }

    private UserException tooManyBad() {
        return new UserException(file + ": more than " + maxBad + " rows are not readings (--max-bad " + maxBad
                + "), stopped at line " + line + (badRowFile == null ? "" : "; the skipped rows are in " + badRowFile.shownAs())
                + "; first: " + badRows.firstProblem());
    }

    private CSVRecord nextRecord() {
        try {
            if (!records.hasNext()) return null;
            CSVRecord r = records.next();
            line = parser.getCurrentLineNumber();
            return r;
        } catch (UncheckedIOException | IllegalStateException e) {
            // The parser cannot resynchronise after broken quoting, so this is fatal even with --skip-bad.
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            throw new UserException(file + ":" + (parser.getCurrentLineNumber() + 1) + ": malformed CSV: "
                    + root.getMessage(), e);
        }
    }

    private Reading toReading(CSVRecord r) {
        if (r.size() != columns.width()) {
            throw new BadRowException(file, line, r.size() + (r.size() == 1 ? " column" : " columns")
                    + " where the header has " + columns.width());
        }
        String sensor = sensorConstant != null ? sensorConstant : r.get(columns.sensor());
        if (sensor.isEmpty()) throw bad(columns.sensor(), "empty sensor id");
        long ts = parseTime(r.get(columns.time()));
        double temperature = parseValue(r.get(columns.value()));
        long seq = columns.seq() >= 0 ? parseSeq(r.get(columns.seq())) : nextSeq.computeIfAbsent(sensor, k -> new long[1])[0]++;
        return new Reading(sensor, ts, seq, temperature);
    }

    private long parseTime(String text) {
        if (text.isEmpty()) throw bad(columns.time(), "empty time");
        try {
            return time.parseMillis(text);
        } catch (TimeParser.TimeFormatException e) {
            throw bad(columns.time(), e.getMessage());
        } catch (TimeParser.UndetectedFormatException e) {
            // not skippable: the next rows are written the same way
            throw new UserException(file + ":" + line + ": column '" + columns.name(columns.time()) + "': " + e.getMessage(), 2, null);
        }
    }

    private double parseValue(String text) {
        if (text.isEmpty()) throw bad(columns.value(), "empty value");
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(columns.value(), "'" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) throw bad(columns.value(), "'" + text + "' is not a finite number");
        return v;
    }

    private long parseSeq(String text) {
        long seq;
        try {
            seq = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(columns.seq(), "'" + text + "' is not a whole number");
        }
        if (seq < 0) throw bad(columns.seq(), "'" + text + "' is negative");
        return seq;
    }

    private BadRowException bad(int column, String problem) {
        return new BadRowException(file, line, "column '" + columns.name(column) + "': " + problem);
    }

    /** Line number of the last row read (the line it ends on, for a quoted value spanning lines). */
    public long line() {
        return line;
    }

    /** Share of the file read so far, by (compressed) bytes; NaN when the size is unknown. */
    public double fractionRead() {
        return size > 0 ? Math.min(1.0, counting.count() / (double) size) : Double.NaN;
    }

    /** The name of the time column as the header writes it. */
    public String timeColumn() {
        return columns.name(columns.time());
    }

    public BadRows badRows() {
        return badRows;
    }

    public String file() {
        return file;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // read-only file: nothing was lost
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) return;
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing with a better message
        }
    }
}
