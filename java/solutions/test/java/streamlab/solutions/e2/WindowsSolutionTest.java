package streamlab.solutions.e2;

import streamlab.exercise.WindowsQuery;
import streamlab.exercises.e2.WindowsTests;

/** Exercise 2's tests on the reference solution: they hold for it, so they can hold for a student's class. */
class WindowsSolutionTest extends WindowsTests {
    @Override
    protected WindowsQuery job() {
        return new WindowsSolution();
    }
}
