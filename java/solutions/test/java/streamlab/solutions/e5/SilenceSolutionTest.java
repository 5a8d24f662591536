package streamlab.solutions.e5;

import streamlab.exercise.AlertsQuery;
import streamlab.exercises.e5.SilenceTests;

/** Exercise 5's tests on the reference solution: they hold for it, so they can hold for a student's class. */
class SilenceSolutionTest extends SilenceTests {
    @Override
    protected AlertsQuery job() {
        return new SilenceSolution();
    }
}
