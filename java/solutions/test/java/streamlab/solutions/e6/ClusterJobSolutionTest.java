package streamlab.solutions.e6;

import streamlab.exercise.WindowsQuery;
import streamlab.exercises.e6.ClusterJobTests;

/** Exercise 6's tests on the reference solution: they hold for it, so they can hold for a student's class. */
class ClusterJobSolutionTest extends ClusterJobTests {
    @Override
    protected WindowsQuery job() {
        return new ClusterJobSolution();
    }
}
