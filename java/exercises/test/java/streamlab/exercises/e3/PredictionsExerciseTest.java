package streamlab.exercises.e3;

import streamlab.exercise.WindowsQuery;

/**
 * Your predictions ({@link LatePredictions}) against what your query ({@link LateDataExercise}) does:
 * {@code make exercise-test N=3}. Skipped ("not started") while a prediction is null or the query throws.
 */
class PredictionsExerciseTest extends PredictionTests {
    @Override
    protected WindowsQuery job() {
        return new LateDataExercise();
    }

    @Override
    protected LatePredictions predictions() {
        return new LatePredictions();
    }
}
