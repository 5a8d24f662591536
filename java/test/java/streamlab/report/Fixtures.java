package streamlab.report;

import streamlab.codec.Alert;
import streamlab.codec.WindowResult;

/** Small, hand-checkable records: one-minute windows from 2024-01-01 10:00:00 UTC. */
final class Fixtures {
    static final long T0 = 1_704_103_200_000L; // 2024-01-01T10:00:00Z
    static final long MINUTE = 60_000L;

    private Fixtures() {}

    /** Window {@code i} (0 = 10:00) of a sensor with the given average; min and max 1 degree around it. */
    static WindowResult window(String sensor, int i, double avg) {
        long start = T0 + i * MINUTE;
        return new WindowResult(sensor, start, start + MINUTE, 60, avg - 1, avg + 1, avg, 0.5, start + 500,
                start + MINUTE - 500, 0, start + MINUTE + 2_000);
    }

    static Alert alert(String sensor, String kind, int minute, Integer endMinute, double value) {
        long start = T0 + minute * MINUTE + 13_000;
        Long end = endMinute == null ? null : T0 + endMinute * MINUTE;
        return new Alert(sensor, kind, start, end, value, kind.startsWith("threshold") ? "temperature > 30.0" : kind + " rule",
                start + 1_000);
    }

    static Item item(WindowResult w) {
        return new Item.WindowItem(new Item.Source("report", 0, 0), w);
    }

    static Item item(Alert a) {
        return new Item.AlertItem(new Item.Source("alerts", 0, 0), a);
    }
}
