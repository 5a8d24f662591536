package streamlab.solutions.e4;

import static streamlab.exercises.testing.StreamScenario.reading;

import org.junit.jupiter.api.Test;
import streamlab.exercise.Exercises;
import streamlab.exercise.WindowsQuery;
import streamlab.exercises.e4.SlidingWindowsTests;
import streamlab.exercises.testing.StreamScenario;

/**
 * Exercise 4's tests on the reference solution: they hold for it, so they can hold for a student's class. The
 * solution's own aggregate, the median, is checked here too: the shared tests cannot know its name.
 */
class SlidingWindowsSolutionTest extends SlidingWindowsTests {
    @Override
    protected WindowsQuery job() {
        return new SlidingWindowsSolution();
    }

    @Test
    void theMedianIgnoresASpikeTheAverageDoesNot() {
        try (StreamScenario s = StreamScenario.windows(job(), Exercises.find(4).get().defaults())) {
            s.add(reading("sensor-1", "00:00:41", 0, 20.0), reading("sensor-1", "00:00:47", 1, 22.0),
                    reading("sensor-1", "00:00:53", 2, 90.0), reading("sensor-1", "00:00:59", 3, 21.0),
                    // Watermark 00:01:30: the windows ending at 00:01:00 and 00:01:20 close.
                    reading("sensor-1", "00:02:00", 4, 21.5));
            s.process().expect("sensor | window | count | avg | median",
                    "sensor-1 | 00:00:00-00:01:00 | 4 | 38.25 | 21.0",
                    "sensor-1 | 00:00:20-00:01:20 | 4 | 38.25 | 21.0");
        }
    }
}
