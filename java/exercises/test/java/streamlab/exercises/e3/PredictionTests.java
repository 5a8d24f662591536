package streamlab.exercises.e3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static streamlab.exercises.testing.StreamScenario.reading;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import streamlab.codec.Reading;
import streamlab.exercise.ExerciseSettings;
import streamlab.exercise.WindowsQuery;
import streamlab.exercises.testing.ExerciseResults;
import streamlab.exercises.testing.Step;
import streamlab.exercises.testing.StreamScenario;

/**
 * Exercise 3, part 2: the scenario of {@link LatePredictions} run on a query in four setups, each step compared
 * with the prediction. The expected rows are the student's own; the query decides who is right.
 */
@ExtendWith(ExerciseResults.class)
public abstract class PredictionTests {
    /** The three steps of the scenario, as {@link LatePredictions}'s comment shows them. */
    static final List<Reading[]> STEPS = List.of(
            new Reading[] {reading("sensor-1", "00:00:10", 0, 20.0), reading("sensor-1", "00:00:50", 1, 21.0),
                    reading("sensor-1", "00:01:15", 2, 22.0)},
            new Reading[] {reading("sensor-1", "00:00:55", 3, 23.0), reading("sensor-1", "00:01:40", 4, 24.0)},
            new Reading[] {reading("sensor-1", "00:01:20", 5, 25.0), reading("sensor-1", "00:02:35", 6, 26.0)});

    /** The query that runs the scenario. */
    protected abstract WindowsQuery job();

    /** The predictions to compare with. */
    protected abstract LatePredictions predictions();

    @Test
    void watermark10sAppend() {
        check(predictions().watermark10sAppend(), "watermark10sAppend", 10, "append");
    }

    @Test
    void watermark30sAppend() {
        check(predictions().watermark30sAppend(), "watermark30sAppend", 30, "append");
    }

    @Test
    void watermark10sUpdate() {
        check(predictions().watermark10sUpdate(), "watermark10sUpdate", 10, "update");
    }

    @Test
    void watermark30sUpdate() {
        check(predictions().watermark30sUpdate(), "watermark30sUpdate", 30, "update");
    }

    private void check(Prediction prediction, String method, int watermarkSeconds, String mode) {
        String setup = "watermark " + watermarkSeconds + " s, " + mode + " mode";
        if (prediction == null) {
            Assumptions.abort("exercise 3 not started: LatePredictions." + method + "() returns null: write down what you expect ("
                    + setup + ") before you run it");
        }
        assertEquals(STEPS.size(), prediction.steps().size(), "LatePredictions." + method + "(): predict each of the "
                + STEPS.size() + " steps");
        ExerciseSettings settings = ExerciseSettings.DEFAULTS.withWatermark(Duration.ofSeconds(watermarkSeconds));
        try (StreamScenario s = StreamScenario.windows(job(), settings).outputMode(mode)) {
            for (int i = 0; i < STEPS.size(); i++) {
                s.add(STEPS.get(i));
                Step step = s.process();
                Prediction.Expected expected = prediction.steps().get(i);
                try {
                    if (expected.rows().isEmpty()) {
                        step.expectNothing();
                    } else {
                        step.expect("window | seqs", expected.rows().toArray(String[]::new));
                    }
                    step.expectDropped(expected.dropped());
                } catch (AssertionError observed) {
                    throw new AssertionError(setup + ", step " + (i + 1) + ": the query did not do what you predicted (watermark after"
                            + " the step: " + step.watermark() + ")\n" + observed.getMessage(), observed);
                }
            }
        }
    }
}
