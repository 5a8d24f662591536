package streamlab.exercise;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import streamlab.codec.WindowResult;

/** The window exercises' checks: the student's report records against {@code process}'s, over the windows both closed. */
final class WindowChecks {
    private static final int SHOWN = 8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private WindowChecks() {}

    static void compare(List<WindowResult> yours, List<WindowResult> process, ExerciseSettings s, CheckReport report) {
        if (yours.isEmpty()) {
            report.fail("your job wrote no window (process wrote " + process.size() + ")", List.of(), Hint.NO_OUTPUT);
            return;
        }
        report.pass("your job wrote " + yours.size() + " window results (process wrote " + process.size() + ")");

        Map<String, List<WindowResult>> byKey = new TreeMap<>();
        for (WindowResult w : yours) byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
        List<String> dups = new ArrayList<>();
        byKey.forEach((k, ws) -> {
            if (ws.size() > 1) dups.add(label(ws.get(0)) + " came out " + ws.size() + " times");
        });
        if (dups.isEmpty()) {
            report.pass("each sensor and window came out once");
        } else {
            report.fail(dups.size() + " sensor-windows came out more than once", first(dups), Hint.DUPLICATES);
        }

        Map<String, WindowResult> mine = new LinkedHashMap<>();
        for (WindowResult w : yours) mine.put(w.key(), w); // the last version, as a reader that upserts sees it
        Map<String, WindowResult> ref = new LinkedHashMap<>();
        for (WindowResult w : process) ref.put(w.key(), w);

        long lo = CheckInput.START - 86_400_000L;
        long hi = CheckInput.START + 2 * 86_400_000L;
        if (mine.values().stream().anyMatch(w -> w.windowStart() < lo || w.windowStart() > hi)) {
            WindowResult odd = mine.values().stream().filter(w -> w.windowStart() < lo || w.windowStart() > hi).findFirst().get();
            report.fail("your windows are not in the input's event time", List.of("for example " + odd.sensor() + " "
                    + Instant.ofEpochMilli(odd.windowStart()) + " - " + Instant.ofEpochMilli(odd.windowEnd())), Hint.WRONG_TIME);
            return;
        }

        long windowMs = s.window().toMillis();
        long slideMs = s.slide().toMillis();
        boolean misaligned = mine.values().stream().anyMatch(w -> Math.floorMod(w.windowStart(), slideMs) != 0
                || w.windowEnd() - w.windowStart() != windowMs);
        List<String> missing = new ArrayList<>();
        ref.forEach((k, w) -> {
            if (!mine.containsKey(k)) missing.add("process wrote " + label(w) + ", your job did not");
        });
        List<String> extra = new ArrayList<>();
        mine.forEach((k, w) -> {
            if (!ref.containsKey(k)) extra.add("your job wrote " + label(w) + ", process did not");
        });
        if (missing.isEmpty() && extra.isEmpty()) {
            report.pass("the same " + ref.size() + " windows closed as process");
        } else {
            List<String> details = new ArrayList<>(first(missing));
            details.addAll(first(extra));
            Hint hint = misaligned ? Hint.SHIFTED : missing.isEmpty() ? Hint.EXTRA_WINDOWS
                    : extra.isEmpty() ? Hint.MISSING_WINDOWS : Hint.SHIFTED;
            report.fail(missing.size() + " windows missing and " + extra.size() + " more than process's", details, hint);
        }

        List<String[]> diffs = new ArrayList<>();
        int both = 0;
        boolean high = false;
        boolean low = false;
        boolean stddev = false;
        boolean stat = false;
        boolean times = false;
        boolean gaps = false;
        for (Map.Entry<String, WindowResult> e : ref.entrySet()) {
            WindowResult y = mine.get(e.getKey());
            if (y == null) continue;
            both++;
            WindowResult p = e.getValue();
            if (y.count() != p.count()) {
                diffs.add(row(p, "count", y.count(), p.count()));
                high |= y.count() > p.count();
                low |= y.count() < p.count();
                continue;
            }
            if (!same(y.min(), p.min())) diffs.add(row(p, "min", y.min(), p.min()));
            if (!same(y.max(), p.max())) diffs.add(row(p, "max", y.max(), p.max()));
            if (!same(y.avg(), p.avg())) diffs.add(row(p, "avg", y.avg(), p.avg()));
            stat |= !same(y.min(), p.min()) || !same(y.max(), p.max()) || !same(y.avg(), p.avg());
            if (!same(y.stddev(), p.stddev())) {
                diffs.add(row(p, "stddev", y.stddev(), p.stddev()));
                stddev = true;
            }
            if (y.firstTs() != p.firstTs() || y.lastTs() != p.lastTs()) {
                diffs.add(row(p, y.firstTs() != p.firstTs() ? "first_ts" : "last_ts",
                        y.firstTs() != p.firstTs() ? y.firstTs() : y.lastTs(), y.firstTs() != p.firstTs() ? p.firstTs() : p.lastTs()));
                times = true;
            }
            if (y.seqGaps() != p.seqGaps()) {
                diffs.add(row(p, "seq_gaps", y.seqGaps(), p.seqGaps()));
                gaps = true;
            }
        }
        if (both == 0) return;
        if (diffs.isEmpty()) {
            report.pass("the same values as process in the " + both + " windows both closed");
            return;
        }
        List<String> table = new ArrayList<>();
        table.add(String.format("%-10s %-19s %-9s %14s %14s", "sensor", "window", "field", "yours", "process"));
        for (String[] d : diffs.subList(0, Math.min(SHOWN, diffs.size()))) {
            table.add(String.format("%-10s %-19s %-9s %14s %14s", (Object[]) d));
        }
        if (diffs.size() > SHOWN) table.add("... and " + (diffs.size() - SHOWN) + " more");
        Hint hint = high ? Hint.COUNT_HIGH : low ? Hint.COUNT_LOW : stat ? Hint.STATISTIC : stddev ? Hint.STDDEV
                : times ? Hint.TIMES : Hint.SEQ_GAPS;
        if (!high && !low && !stat && !stddev && !times && !gaps) hint = Hint.STATISTIC;
        report.fail("values differ in " + diffs.size() + " fields of the " + both + " windows both closed", table, hint);
    }

    static boolean same(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b);
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    static String label(WindowResult w) {
        return w.sensor() + " " + span(w.windowStart(), w.windowEnd());
    }

    static String span(long start, long end) {
        return TIME.format(Instant.ofEpochMilli(start)) + "-" + TIME.format(Instant.ofEpochMilli(end));
    }

    private static String[] row(WindowResult p, String field, Object yours, Object process) {
        return new String[] {p.sensor(), span(p.windowStart(), p.windowEnd()), field, format(yours), format(process)};
    }

    private static String format(Object v) {
        if (v instanceof Double d) return String.format("%.6g", d);
        if (v instanceof Long l && l > 1_000_000_000_000L) return TIME.format(Instant.ofEpochMilli(l));
        return String.valueOf(v);
    }

    private static List<String> first(List<String> lines) {
        if (lines.size() <= SHOWN) return lines;
        List<String> l = new ArrayList<>(lines.subList(0, SHOWN));
        l.add("... and " + (lines.size() - SHOWN) + " more");
        return l;
    }
}
