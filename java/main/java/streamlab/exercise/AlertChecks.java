package streamlab.exercise;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import streamlab.codec.Alert;

/** Exercise 5's checks: the silences the student's job raised against {@code process}'s, episode by episode. */
final class AlertChecks {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private AlertChecks() {}

    static void compare(List<Alert> yours, List<Alert> process, CheckReport report) {
        Map<String, Alert> mine = episodes(yours);
        Map<String, Alert> ref = episodes(process);
        if (mine.isEmpty()) {
            report.fail("your job raised no silence (process raised " + ref.size() + ")", List.of(), Hint.ALERTS_MISSING);
            return;
        }
        report.pass("your job raised " + mine.size() + " silences (process raised " + ref.size() + ")");
        Set<String> mineSensors = new TreeSet<>();
        mine.values().forEach(a -> mineSensors.add(a.sensor()));
        Set<String> refSensors = new TreeSet<>();
        ref.values().forEach(a -> refSensors.add(a.sensor()));
        List<String> details = new ArrayList<>();
        for (String k : ref.keySet()) if (!mine.containsKey(k) || !same(mine.get(k), ref.get(k))) details.add("process: " + show(ref.get(k)));
        for (String k : mine.keySet()) if (!ref.containsKey(k) || !same(mine.get(k), ref.get(k))) details.add("yours:   " + show(mine.get(k)));
        if (details.isEmpty()) {
            report.pass("the same silences as process, with the same start and end");
            return;
        }
        Hint hint = !mineSensors.containsAll(refSensors) ? Hint.ALERTS_MISSING
                : !refSensors.containsAll(mineSensors) ? Hint.ALERTS_EXTRA : Hint.ALERTS_BOUNDS;
        report.fail("the silences differ from process's", details, hint);
    }

    /** The last version of each silence episode (an episode is written when it opens and again when it closes). */
    private static Map<String, Alert> episodes(List<Alert> alerts) {
        Map<String, Alert> m = new TreeMap<>();
        for (Alert a : alerts) if (Alert.SILENCE.equals(a.kind())) m.put(a.key(), a);
        return m;
    }

    private static boolean same(Alert a, Alert b) {
        return a.start() == b.start() && java.util.Objects.equals(a.end(), b.end());
    }

    private static String show(Alert a) {
        return a.sensor() + " silent from " + TIME.format(Instant.ofEpochMilli(a.start())) + " to "
                + (a.end() == null ? "(still silent)" : TIME.format(Instant.ofEpochMilli(a.end())));
    }
}
