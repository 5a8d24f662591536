package streamlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

/**
 * {@code report --plot FILE.png}: window averages per sensor over event time, each with a shaded
 * min-max band, and the alerts as markers at their start, one marker and colour per kind.
 */
public final class PlotWriter {
    public static final int WIDTH = 1200;
    public static final int HEIGHT = 700;

    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(148, 103, 189),
        new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127), new Color(188, 189, 34),
        new Color(23, 190, 207), new Color(57, 59, 121)};

    private PlotWriter() {}

    public static void write(DashboardState s, String source, Path file, int width, int height) throws IOException {
        // AWT must not look for a display: the report runs over ssh and in CI
        System.setProperty("java.awt.headless", "true");
        XYChart chart = chart(s, source, width, height);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    static XYChart chart(DashboardState s, String source, int width, int height) {
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (String sensor : s.sensorNames()) {
            for (WindowResult w : s.history(sensor)) {
                from = Math.min(from, w.windowStart());
                to = Math.max(to, w.windowEnd());
            }
        }
        for (Alert a : s.alerts()) {
            from = Math.min(from, a.start());
            to = Math.max(to, a.start());
        }
        String range = from == Long.MAX_VALUE ? "no data" : Times.dateTime(from) + " to " + Times.dateTime(to) + " UTC";
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(source + ": window averages, " + range)
                .xAxisTitle("event time, window start (UTC)").yAxisTitle("temperature (°C): avg, band min-max").build();
        Styler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setAntiAlias(true);
        st.setMarkerSize(6);
        chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
        chart.getStyler().setDatePattern(datePattern(to - from));
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));

        Map<String, List<WindowResult>> bySensor = new LinkedHashMap<>();
        for (String sensor : s.sensorNames()) bySensor.put(sensor, s.history(sensor));
        int i = 0;
        for (Map.Entry<String, List<WindowResult>> e : bySensor.entrySet()) {
            List<WindowResult> ws = e.getValue();
            if (ws.isEmpty()) continue;
            Color c = PALETTE[i++ % PALETTE.length];
            addBand(chart, e.getKey(), ws, c);
            List<Date> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (WindowResult w : ws) {
                x.add(new Date(w.windowStart()));
                y.add(w.avg());
            }
            XYSeries line = chart.addSeries(e.getKey(), x, y);
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(c);
            line.setLineStyle(new BasicStroke(2f));
            line.setMarker(ws.size() <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            line.setMarkerColor(c);
        }
        addAlerts(chart, s, bySensor);
        return chart;
    }

    /** A polygon along the maxima and back along the minima: the spread of each window. */
    private static void addBand(XYChart chart, String sensor, List<WindowResult> ws, Color c) {
        List<Date> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (WindowResult w : ws) {
            x.add(new Date(w.windowStart()));
            y.add(w.max());
        }
        for (int k = ws.size() - 1; k >= 0; k--) {
            x.add(new Date(ws.get(k).windowStart()));
            y.add(ws.get(k).min());
        }
        XYSeries band = chart.addSeries(sensor + " min-max", x, y);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
        band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
    }

    /** One scatter series per alert kind, at the alert's start and value (or the sensor's average then, for a silence). */
    private static void addAlerts(XYChart chart, DashboardState s, Map<String, List<WindowResult>> bySensor) {
        Map<String, List<Date>> xs = new LinkedHashMap<>();
        Map<String, List<Double>> ys = new LinkedHashMap<>();
        for (Alert a : s.alerts()) {
            double v = Double.isFinite(a.value()) ? a.value() : nearestAvg(bySensor.get(a.sensor()), a.start());
            if (!Double.isFinite(v)) continue;
            xs.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(new Date(a.start()));
            ys.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(v);
        }
        for (String kind : xs.keySet()) {
            XYSeries m = chart.addSeries("alert: " + kind + " (" + xs.get(kind).size() + ")", xs.get(kind), ys.get(kind));
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(marker(kind));
            m.setMarkerColor(kindColor(kind));
        }
    }

    private static double nearestAvg(List<WindowResult> ws, long t) {
        if (ws == null || ws.isEmpty()) return Double.NaN;
        WindowResult best = ws.get(0);
        for (WindowResult w : ws) {
            if (Math.abs(w.windowStart() - t) < Math.abs(best.windowStart() - t)) best = w;
        }
        return best.avg();
    }

    private static Marker marker(String kind) {
        return switch (kind) {
            case Alert.THRESHOLD_HIGH -> SeriesMarkers.TRIANGLE_UP;
            case Alert.THRESHOLD_LOW -> SeriesMarkers.TRIANGLE_DOWN;
            case Alert.SPIKE -> SeriesMarkers.DIAMOND;
            case Alert.SILENCE, Alert.RESUMED -> SeriesMarkers.SQUARE;
            default -> SeriesMarkers.CROSS;
        };
    }

    private static Color kindColor(String kind) {
        return switch (kind) {
            case Alert.THRESHOLD_HIGH -> new Color(214, 39, 40);
            case Alert.THRESHOLD_LOW -> new Color(30, 80, 200);
            case Alert.SPIKE -> new Color(200, 0, 200);
            case Alert.STUCK -> new Color(230, 160, 0);
            case Alert.SILENCE -> new Color(90, 90, 90);
            case Alert.RESUMED -> new Color(0, 150, 60);
            default -> Color.BLACK;
        };
    }

    /** Labels as fine as the range needs: seconds for minutes of data, dates for days. */
    static String datePattern(long rangeMs) {
        if (rangeMs <= 15 * 60_000L) return "HH:mm:ss";
        if (rangeMs <= 86_400_000L) return "HH:mm";
        return "MM-dd HH:mm";
    }
}
