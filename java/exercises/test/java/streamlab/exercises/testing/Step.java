package streamlab.exercises.testing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What one {@link StreamScenario#process()} step wrote, and what the watermark did. Expected rows are literal
 * tables: a header naming the columns to compare, then one line per row, cells separated by {@code |}:
 * <pre>{@code
 * step.expect("sensor   | window            | count | avg",
 *             "sensor-1 | 00:00:00-00:01:00 | 2     | 21.0");
 * }</pre>
 * A window column is written {@code start-end}, a timestamp {@code HH:mm:ss} (of 2024-01-01), a number with as
 * many decimals as you want checked ({@code 21.0} matches 20.96 to 21.04; {@code 0.8165} matches 0.81645 to
 * 0.81655), an array {@code [1, 2, 3]}. Row order does not matter. An empty cell stands for null.
 */
public final class Step {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final List<Row> rows;
    private final StructType schema;
    private final long dropped;
    private final Instant watermark;

    Step(List<Row> rows, StructType schema, long dropped, Instant watermark) {
        this.rows = rows;
        this.schema = schema;
        this.dropped = dropped;
        this.watermark = watermark;
    }

    /** The rows written in this step, as Spark gives them. */
    public List<Row> rows() {
        return rows;
    }

    /** Readings the watermark dropped as late in this step (Spark's {@code numRowsDroppedByWatermark}). */
    public long droppedAsLate() {
        return dropped;
    }

    /** The watermark after this step, or null before any. */
    public Instant watermark() {
        return watermark;
    }

    public Step expectNothing() {
        if (!rows.isEmpty()) {
            throw new AssertionError("expected no output in this step, but your query wrote " + rows.size() + " rows:\n"
                    + table(Arrays.asList(schema.fieldNames()), actual(Arrays.asList(schema.fieldNames()))));
        }
        return this;
    }

    public Step expectDropped(long n) {
        if (dropped != n) {
            throw new AssertionError("expected " + n + " readings dropped as late by the watermark in this step, but " + dropped
                    + " were (watermark now " + (watermark == null ? "none" : watermark) + ")");
        }
        return this;
    }

    /** The rows of this step, exactly these (in any order), compared on the header's columns. */
    public Step expect(String header, String... expected) {
        List<String> columns = cells(header);
        for (String c : columns) {
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new AssertionError("your query's result has no column '" + c + "'; it has " + String.join(", ", schema.fieldNames()));
            }
        }
        List<List<String>> want = new ArrayList<>();
        for (String line : expected) {
            List<String> cells = cells(line);
            if (cells.size() != columns.size()) throw new IllegalArgumentException("row '" + line + "' has " + cells.size()
                    + " cells for " + columns.size() + " columns");
            want.add(cells);
        }
        List<List<String>> got = actual(columns);
        List<List<String>> unmatched = new ArrayList<>(got);
        List<List<String>> missing = new ArrayList<>();
        for (List<String> w : want) {
            List<String> hit = null;
            for (List<String> g : unmatched) if (matches(w, g)) {
                hit = g;
                break;
            }
            if (hit == null) missing.add(w);
            else unmatched.remove(hit);
        }
        if (!missing.isEmpty() || !unmatched.isEmpty()) {
            throw new AssertionError("the rows of this step differ from the expected ones\n--- expected ---\n" + table(columns, want)
                    + "--- your query wrote ---\n" + table(columns, got)
                    + (missing.isEmpty() ? "" : "--- expected but not written ---\n" + table(columns, missing))
                    + (unmatched.isEmpty() ? "" : "--- written but not expected ---\n" + table(columns, unmatched)));
        }
        return this;
    }

    private List<List<String>> actual(List<String> columns) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) cells.add(format(r.get(r.fieldIndex(c))));
            out.add(cells);
        }
        out.sort((a, b) -> String.join("|", a).compareTo(String.join("|", b)));
        return out;
    }

    private static boolean matches(List<String> want, List<String> got) {
        for (int i = 0; i < want.size(); i++) if (!matches(want.get(i), got.get(i))) return false;
        return true;
    }

    private static boolean matches(String want, String got) {
        if (want.equals(got)) return true;
        try {
            BigDecimal w = new BigDecimal(want);
            BigDecimal g = new BigDecimal(got);
            BigDecimal halfUnit = BigDecimal.ONE.movePointLeft(Math.max(0, w.scale())).divide(BigDecimal.valueOf(2));
            return g.subtract(w).abs().compareTo(halfUnit) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String format(Object v) {
        if (v == null) return "";
        if (v instanceof Row window && window.schema() != null && window.schema().getFieldIndex("start").isDefined()) {
            return format(window.get(window.fieldIndex("start"))) + "-" + format(window.get(window.fieldIndex("end")));
        }
        // An array column (collect_list, array_sort) reads as [1, 2, 3], each element formatted like a cell.
        if (v instanceof scala.collection.Seq<?> seq) v = scala.collection.JavaConverters.seqAsJavaList(seq);
        if (v instanceof List<?> list) {
            List<String> cells = new ArrayList<>();
            for (Object o : list) cells.add(format(o));
            return "[" + String.join(", ", cells) + "]";
        }
        if (v instanceof Timestamp t) return TIME.format(t.toInstant());
        if (v instanceof Instant i) return TIME.format(i);
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(d);
        }
        return String.valueOf(v);
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.split("\\|", -1)) cells.add(c.strip());
        return cells;
    }

    private static String table(List<String> columns, List<List<String>> rows) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
            for (List<String> r : rows) width[i] = Math.max(width[i], r.get(i).length());
        }
        StringBuilder b = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        all.add(columns);
        all.addAll(rows);
        if (rows.isEmpty()) all.add(Collections.nCopies(columns.size(), "(none)"));
        for (List<String> r : all) {
            for (int i = 0; i < width.length; i++) b.append(i == 0 ? "  " : " | ").append(String.format("%-" + width[i] + "s", r.get(i)));
            b.append('\n');
        }
        return b.toString();
    }
}
