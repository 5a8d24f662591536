package streamlab.solutions.e3;

import streamlab.exercise.WindowsQuery;
import streamlab.exercises.e3.LatePredictions;
import streamlab.exercises.e3.PredictionTests;

/** The right predictions ({@link SolutionPredictions}) against the reference solution: what Spark really does. */
class PredictionsSolutionTest extends PredictionTests {
    @Override
    protected WindowsQuery job() {
        return new LateDataSolution();
    }

    @Override
    protected LatePredictions predictions() {
        return new SolutionPredictions();
    }
}
