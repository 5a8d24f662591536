package streamlab.exercises.e3;

/**
 * Exercise 3, part 2: predict, then observe (labs/exercises/03-late-data/README.md). Before you run anything,
 * write down what your {@link LateDataExercise} query writes in each step of this scenario, in four setups:
 * watermark 10 s or 30 s, output mode append or update. {@code make exercise-test N=3} then runs your query in
 * each setup and compares, step by step. A method that still returns null is "not started".
 * <p>
 * The scenario: one sensor, windows of 1 minute, times of 2024-01-01. Three steps; each is one
 * {@code process()}: the query reads what was added, then the watermark moves to the newest event time seen
 * minus the delay (and a window that it has passed is closed).
 * <pre>
 * step 1: seq 0 at 00:00:10, seq 1 at 00:00:50, seq 2 at 00:01:15
 * step 2: seq 3 at 00:00:55, seq 4 at 00:01:40
 * step 3: seq 5 at 00:01:20, seq 6 at 00:02:35
 * </pre>
 * Write each step's rows as {@code "window | seqs"}, e.g. {@code "00:00:00-00:01:00 | [0, 1]"}, see
 * {@link Prediction}.
 */
public class LatePredictions {
    /** Watermark 10 s, append mode. */
    public Prediction watermark10sAppend() {
        return null; // return new Prediction().step(...).step(...).step(...);
    }

    /** Watermark 30 s (the default), append mode. */
    public Prediction watermark30sAppend() {
        return null;
    }

    /** Watermark 10 s, update mode. */
    public Prediction watermark10sUpdate() {
        return null;
    }

    /** Watermark 30 s, update mode. */
    public Prediction watermark30sUpdate() {
        return null;
    }
}
