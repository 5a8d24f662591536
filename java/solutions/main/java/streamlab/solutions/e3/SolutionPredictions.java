package streamlab.solutions.e3;

import streamlab.exercises.e3.LatePredictions;
import streamlab.exercises.e3.Prediction;

/**
 * Exercise 3, part 2, the answers: what Spark 3.5 does with the scenario of {@link LatePredictions}. The
 * watermark a step runs with is the one the steps before it set (newest event time minus the delay); a reading
 * is dropped when the window it falls into has ended by then, not when the reading itself is older.
 */
public class SolutionPredictions extends LatePredictions {
    @Override
    public Prediction watermark10sAppend() {
        return new Prediction()
                // Watermark 00:01:05 after the step: 00:00-00:01 is final.
                .step(0, "00:00:00-00:01:00 | [0, 1]")
                // seq 3 (00:00:55) belongs to 00:00-00:01, closed at 00:01:05: dropped. Watermark 00:01:30.
                .step(1)
                // seq 5 (00:01:20) is behind the watermark (00:01:30) but its window ends at 00:02:00: it counts.
                // Watermark 00:02:25: 00:01-00:02 is final.
                .step(0, "00:01:00-00:02:00 | [2, 4, 5]");
    }

    @Override
    public Prediction watermark30sAppend() {
        return new Prediction()
                // Watermark 00:00:45: nothing has ended.
                .step(0)
                // seq 3 counts (00:00-00:01 still open); watermark 00:01:10 closes it.
                .step(0, "00:00:00-00:01:00 | [0, 1, 3]")
                // Watermark 00:02:05 closes 00:01-00:02.
                .step(0, "00:01:00-00:02:00 | [2, 4, 5]");
    }

    @Override
    public Prediction watermark10sUpdate() {
        return new Prediction()
                // Every window the step changed, final or not.
                .step(0, "00:00:00-00:01:00 | [0, 1]", "00:01:00-00:02:00 | [2]")
                // Update mode drops late readings too: seq 3 is lost, as in append mode.
                .step(1, "00:01:00-00:02:00 | [2, 4]")
                .step(0, "00:01:00-00:02:00 | [2, 4, 5]", "00:02:00-00:03:00 | [6]");
    }

    @Override
    public Prediction watermark30sUpdate() {
        return new Prediction()
                .step(0, "00:00:00-00:01:00 | [0, 1]", "00:01:00-00:02:00 | [2]")
                .step(0, "00:00:00-00:01:00 | [0, 1, 3]", "00:01:00-00:02:00 | [2, 4]")
                .step(0, "00:01:00-00:02:00 | [2, 4, 5]", "00:02:00-00:03:00 | [6]");
    }
}
