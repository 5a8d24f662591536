package streamlab.score;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import streamlab.codec.Alert;
import streamlab.common.Durations;

/**
 * Matches alerts against injected faults, per kind. An alert matches a fault when it has the same kind and
 * sensor and its [start, end] (an alert still open reaches to the end of time) overlaps the fault's
 * [start, end] widened by the tolerance on both sides. Alerts are first reduced to one per episode
 * ({@link Alert#key()}), the closed version where there is one.
 * <p>
 * Detection delay (event time) of a found fault: from its start to the event time at which the first
 * matching alert could be raised: the alert's start plus the duration in its rule for the kinds that wait
 * ({@code stuck}: {@code unchanged>=1m}, {@code silence}: {@code silence>2m}), the start for the others.
 */
final class Scorer {
    /** Truth kinds that have no alert on purpose, and what handles them instead. */
    static final Map<String, String> BY_DESIGN = Map.of(
            "late", "handled by the watermark (and --late-topic)",
            "duplicate", "handled by seq (ignored by the alert rules)",
            "malformed", "sent to the dead-letter topic");
    /** Alert kinds that are faults (scored even when the truth has none of them: each such alert is a false alarm). */
    static final List<String> SCORED = List.of(Alert.SPIKE, Alert.STUCK, Alert.SILENCE, Alert.SEQ_GAP);
    static final Map<String, String> UNSCORED = Map.of(
            Alert.THRESHOLD_HIGH, "no truth: thresholds are settings, not injected faults",
            Alert.THRESHOLD_LOW, "no truth: thresholds are settings, not injected faults",
            Alert.RESUMED, "companion of silence, not scored");
    private static final Pattern RULE_DURATION = Pattern.compile("^[a-z-]+>=?(\\d.*)$");

    /**
     * One row of the result. For scored kinds {@code note} is null; otherwise the counts that make sense are
     * filled ({@code injected} for by-design kinds, {@code alerts} for unscored alert kinds).
     */
    record KindScore(String kind, int injected, int detected, int alerts, int falseAlarms, List<Long> delays, String note) {
        int missed() {
            return injected - detected;
        }

        /** Share of alerts (episodes) that match a fault; NaN without alerts. */
        double precision() {
            return alerts == 0 ? Double.NaN : (alerts - falseAlarms) / (double) alerts;
        }

        /** Share of faults found; NaN without faults. */
        double recall() {
            return injected == 0 ? Double.NaN : detected / (double) injected;
        }

        boolean scored() {
            return note == null;
        }

        long medianDelay() {
            if (delays.isEmpty()) return -1;
            List<Long> d = new ArrayList<>(delays);
            d.sort(null);
            int n = d.size();
            return n % 2 == 1 ? d.get(n / 2) : (d.get(n / 2 - 1) + d.get(n / 2)) / 2;
        }

        long maxDelay() {
            return delays.stream().mapToLong(Long::longValue).max().orElse(-1);
        }
    }

    private Scorer() {}

    /** One alert per episode: the closed version if any (the last one seen), else the last open one. */
    static Collection<Alert> episodes(List<Alert> alerts) {
        Map<String, Alert> byKey = new LinkedHashMap<>();
        for (Alert a : alerts) {
            Alert old = byKey.get(a.key());
            if (old == null || !a.open() || old.open()) byKey.put(a.key(), a);
        }
        return byKey.values();
    }

    static List<KindScore> score(List<TruthRow> truth, List<Alert> rawAlerts, long toleranceMs) {
        Map<String, List<TruthRow>> truthByKind = new LinkedHashMap<>();
        for (TruthRow t : truth) truthByKind.computeIfAbsent(t.kind(), k -> new ArrayList<>()).add(t);
        Map<String, List<Alert>> alertsByKind = new LinkedHashMap<>();
        for (Alert a : episodes(rawAlerts)) alertsByKind.computeIfAbsent(a.kind(), k -> new ArrayList<>()).add(a);

        TreeSet<String> scored = new TreeSet<>(SCORED);
        for (String k : truthByKind.keySet()) if (!BY_DESIGN.containsKey(k)) scored.add(k);
        List<KindScore> rows = new ArrayList<>();
        for (String kind : orderFirst(SCORED, scored)) {
            rows.add(scoreKind(kind, truthByKind.getOrDefault(kind, List.of()), alertsByKind.getOrDefault(kind, List.of()), toleranceMs));
        }
        for (String kind : new TreeSet<>(BY_DESIGN.keySet())) {
            int n = truthByKind.getOrDefault(kind, List.of()).size();
            if (n > 0) rows.add(new KindScore(kind, n, 0, 0, 0, List.of(), "not alerted by design: " + BY_DESIGN.get(kind)));
        }
        for (String kind : new TreeSet<>(alertsByKind.keySet())) {
            if (scored.contains(kind)) continue;
            String note = UNSCORED.getOrDefault(kind, "no truth kind for this alert kind, not scored");
            rows.add(new KindScore(kind, 0, 0, alertsByKind.get(kind).size(), 0, List.of(), note));
        }
        return rows;
    }

    private static List<String> orderFirst(List<String> first, TreeSet<String> all) {
        List<String> out = new ArrayList<>();
        for (String k : first) if (all.contains(k)) out.add(k);
        for (String k : all) if (!out.contains(k)) out.add(k);
        return out;
    }

    private static KindScore scoreKind(String kind, List<TruthRow> truth, List<Alert> alerts, long tol) {
        int detected = 0;
        List<Long> delays = new ArrayList<>();
        for (TruthRow t : truth) {
            long best = Long.MAX_VALUE;
            for (Alert a : alerts) {
                if (matches(a, t, tol)) best = Math.min(best, Math.max(0, detectedAt(a) - t.start()));
            }
            if (best != Long.MAX_VALUE) {
                detected++;
                delays.add(best);
            }
        }
        int falseAlarms = 0;
        for (Alert a : alerts) {
            boolean any = false;
            for (TruthRow t : truth) {
                if (matches(a, t, tol)) {
                    any = true;
                    break;
                }
            }
            if (!any) falseAlarms++;
        }
        return new KindScore(kind, truth.size(), detected, alerts.size(), falseAlarms, delays, null);
    }

    static boolean matches(Alert a, TruthRow t, long tol) {
        if (!a.sensor().equals(t.sensor())) return false;
        long end = a.end() == null ? Long.MAX_VALUE : a.end();
        return a.start() <= t.end() + tol && end >= t.start() - tol;
    }

    /** The event time at which the alert's rule could first fire. */
    static long detectedAt(Alert a) {
        if (!Alert.STUCK.equals(a.kind()) && !Alert.SILENCE.equals(a.kind())) return a.start();
        Matcher m = RULE_DURATION.matcher(a.rule());
        if (!m.matches()) return a.start();
        try {
            Duration d = Durations.parse(m.group(1));
            return a.start() + d.toMillis();
        } catch (IllegalArgumentException e) {
            return a.start();
        }
    }
}
