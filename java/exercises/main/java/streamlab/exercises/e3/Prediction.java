package streamlab.exercises.e3;

import java.util.ArrayList;
import java.util.List;

/**
 * What you predict a query writes, step by step: for each step the rows ({@code "window | seqs"}, e.g.
 * {@code "00:00:00-00:01:00 | [0, 1]"}) and how many readings the watermark drops as late.
 * <pre>{@code
 * return new Prediction()
 *         .step(0, "00:00:00-00:01:00 | [0, 1]")   // step 1: nothing dropped, one window written
 *         .step(1)                                  // step 2: one reading dropped, nothing written
 *         .step(0, "...", "...");                   // step 3
 * }</pre>
 */
public final class Prediction {
    /** One step's prediction. */
    public record Expected(long dropped, List<String> rows) {}

    private final List<Expected> steps = new ArrayList<>();

    /** The next step: {@code dropped} readings dropped as late, and exactly these rows written (none: nothing). */
    public Prediction step(long dropped, String... rows) {
        steps.add(new Expected(dropped, List.of(rows)));
        return this;
    }

    public List<Expected> steps() {
        return List.copyOf(steps);
    }
}
