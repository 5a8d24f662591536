package streamlab.replay;

import java.util.ArrayList;
import java.util.List;

/** What {@code --skip-bad} skipped: a count and the first few line numbers, enough to go and look. */
public final class BadRows {
    static final int KEEP = 5;

    private long count;
    private final List<Long> firstLines = new ArrayList<>();
    private String firstProblem;

    void add(BadRowException e) {
        count++;
        if (firstLines.size() < KEEP) firstLines.add(e.line());
        if (firstProblem == null) firstProblem = e.getMessage();
    }

    public long count() {
        return count;
    }

    public List<Long> firstLines() {
        return List.copyOf(firstLines);
    }

    /** The full message of the first skipped row, or null. */
    public String firstProblem() {
        return firstProblem;
    }

    /** {@code skipped 3 bad rows (lines 17, 42, 99; first: x.csv:17: ...)}, or null when none were skipped. */
    public String report() {
        if (count == 0) return null;
        StringBuilder sb = new StringBuilder("skipped ").append(count).append(count == 1 ? " bad row (line" : " bad rows (lines");
        for (int i = 0; i < firstLines.size(); i++) sb.append(i == 0 ? " " : ", ").append(firstLines.get(i));
        if (count > firstLines.size()) sb.append(", ...");
        return sb.append("; first: ").append(firstProblem).append(')').toString();
    }
}
