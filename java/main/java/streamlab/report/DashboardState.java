package streamlab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

/**
 * What has been read so far, upserted by key: at-least-once delivery repeats window results and
 * alerts, and a repeat must neither count twice nor show twice. Windows are kept per sensor by
 * window start (the newest {@code historyLimit} of each), alerts by episode ({@link Alert#key()}),
 * the newest {@code alertLimit} of them. Pure and single-threaded: the command feeds it, renderers read it.
 */
public final class DashboardState {
    /** What {@link #apply} did with an item, so plain outputs can print only what is new. */
    public enum Outcome { NEW, UPDATED, DUPLICATE, SKIPPED }

    /** A sensor's row: its newest window (null if only alerts were seen), recent averages and status. */
    public record SensorView(String sensor, WindowResult latest, List<Double> averages, SensorStatus status) {}

    /** Windows this many window lengths behind the newest window overall mean the sensor went quiet. */
    static final int SILENT_AFTER_WINDOWS = 2;

    private final int historyLimit;
    private final int alertLimit;
    private final Map<String, NavigableMap<Long, WindowResult>> windows = new TreeMap<>();
    private final LinkedHashMap<String, Alert> alerts = new LinkedHashMap<>();
    private long records;
    private long distinctWindows;
    private long distinctAlerts;
    private long duplicates;
    private long skipped;
    private Item.SkippedItem lastSkipped;
    private WindowResult newest;

    public DashboardState(int historyLimit, int alertLimit) {
        this.historyLimit = historyLimit;
        this.alertLimit = alertLimit;
    }

    public Outcome apply(Item item) {
        records++;
        if (item instanceof Item.WindowItem w) return upsert(w.window());
        if (item instanceof Item.AlertItem a) return upsert(a.alert());
        skipped++;
        lastSkipped = (Item.SkippedItem) item;
        return Outcome.SKIPPED;
    }

    private Outcome upsert(WindowResult w) {
        NavigableMap<Long, WindowResult> history = windows.computeIfAbsent(w.sensor(), k -> new TreeMap<>());
        WindowResult old = history.put(w.windowStart(), w);
        if (newest == null || w.windowStart() > newest.windowStart()) newest = w;
        if (old == null) {
            distinctWindows++;
            while (history.size() > historyLimit) history.pollFirstEntry();
            return Outcome.NEW;
        }
        return sameWindow(old, w) ? duplicate() : Outcome.UPDATED;
    }

    private Outcome upsert(Alert a) {
        windows.computeIfAbsent(a.sensor(), k -> new TreeMap<>());
        // remove, then put: an update moves the episode to the newest end of the panel
        Alert old = alerts.remove(a.key());
        alerts.put(a.key(), a);
        if (old == null) {
            distinctAlerts++;
            Iterator<String> oldest = alerts.keySet().iterator();
            while (alerts.size() > alertLimit) {
                oldest.next();
                oldest.remove();
            }
            return Outcome.NEW;
        }
        return sameAlert(old, a) ? duplicate() : Outcome.UPDATED;
    }

    private Outcome duplicate() {
        duplicates++;
        return Outcome.DUPLICATE;
    }

    /** The emission time differs between a result and its redelivery; the aggregate does not. */
    private static boolean sameWindow(WindowResult a, WindowResult b) {
        return a.equals(new WindowResult(b.sensor(), b.windowStart(), b.windowEnd(), b.count(), b.min(), b.max(),
                b.avg(), b.stddev(), b.firstTs(), b.lastTs(), b.seqGaps(), a.emittedAt()));
    }

    private static boolean sameAlert(Alert a, Alert b) {
        return a.equals(new Alert(b.sensor(), b.kind(), b.start(), b.end(), b.value(), b.rule(), a.emittedAt()));
    }

    /** Every sensor seen, most urgent status first, then by name. */
    public List<SensorView> sensors(int sparkWidth) {
        List<SensorView> rows = new ArrayList<>();
        windows.forEach((sensor, history) -> {
            List<Double> avgs = new ArrayList<>();
            for (WindowResult w : history.values()) avgs.add(w.avg());
            if (avgs.size() > sparkWidth) avgs = new ArrayList<>(avgs.subList(avgs.size() - sparkWidth, avgs.size()));
            WindowResult latest = history.isEmpty() ? null : history.lastEntry().getValue();
            rows.add(new SensorView(sensor, latest, avgs, status(sensor)));
        });
        rows.sort(Comparator.comparing(SensorView::status).thenComparing(SensorView::sensor));
        return rows;
    }

    /**
     * Silent: an open silence alert, or a newest window more than {@link #SILENT_AFTER_WINDOWS} window
     * lengths older than the newest window of any sensor. Alerting: any other open alert.
     */
    public SensorStatus status(String sensor) {
        boolean alerting = false;
        for (Alert a : openAlerts(sensor)) {
            if (Alert.SILENCE.equals(a.kind())) return SensorStatus.SILENT;
            alerting = true;
        }
        NavigableMap<Long, WindowResult> history = windows.get(sensor);
        if (history != null && !history.isEmpty() && newest != null) {
            WindowResult latest = history.lastEntry().getValue();
            long length = Math.max(1, latest.windowEnd() - latest.windowStart());
            if (newest.windowStart() - latest.windowStart() > SILENT_AFTER_WINDOWS * length) return SensorStatus.SILENT;
        }
        return alerting ? SensorStatus.ALERTING : SensorStatus.OK;
    }

    /**
     * Episodes of this sensor still open. A "resumed" alert also ends any silence that began before
     * it, in case the closing record of that silence was never delivered.
     */
    public List<Alert> openAlerts(String sensor) {
        long resumedAt = Long.MIN_VALUE;
        for (Alert a : alerts.values()) {
            if (a.sensor().equals(sensor) && Alert.RESUMED.equals(a.kind())) resumedAt = Math.max(resumedAt, a.start());
        }
        List<Alert> open = new ArrayList<>();
        for (Alert a : alerts.values()) {
            if (!a.sensor().equals(sensor) || !a.open()) continue;
            if (Alert.SILENCE.equals(a.kind()) && a.start() <= resumedAt) continue;
            open.add(a);
        }
        return open;
    }

    /** The most recently received or updated alerts, newest first. */
    public List<Alert> newestAlerts(int n) {
        List<Alert> all = new ArrayList<>(alerts.values());
        List<Alert> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < n; i--) out.add(all.get(i));
        return out;
    }

    /** Every retained window of a sensor, oldest first. */
    public List<WindowResult> history(String sensor) {
        NavigableMap<Long, WindowResult> h = windows.get(sensor);
        return h == null ? List.of() : List.copyOf(h.values());
    }

    public List<String> sensorNames() {
        return List.copyOf(windows.keySet());
    }

    public List<Alert> alerts() {
        return List.copyOf(alerts.values());
    }

    public long records() {
        return records;
    }

    public long windows() {
        return distinctWindows;
    }

    public long alertCount() {
        return distinctAlerts;
    }

    public long duplicates() {
        return duplicates;
    }

    public long skipped() {
        return skipped;
    }

    public Item.SkippedItem lastSkipped() {
        return lastSkipped;
    }

    /** The window with the latest start of any sensor, or null before the first. */
    public WindowResult newestWindow() {
        return newest;
    }
}
