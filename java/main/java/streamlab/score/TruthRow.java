package streamlab.score;

/** One injected fault from {@code produce --truth}: event-time span in epoch ms ({@code start == end} for a point). */
public record TruthRow(String sensor, String kind, long start, long end) {}
