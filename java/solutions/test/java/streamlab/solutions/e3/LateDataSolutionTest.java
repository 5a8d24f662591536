package streamlab.solutions.e3;

import streamlab.exercise.WindowsQuery;
import streamlab.exercises.e3.LateDataTests;

/** Exercise 3's tests on the reference solution: they hold for it, so they can hold for a student's class. */
class LateDataSolutionTest extends LateDataTests {
    @Override
    protected WindowsQuery job() {
        return new LateDataSolution();
    }
}
