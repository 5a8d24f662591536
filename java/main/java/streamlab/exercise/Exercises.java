package streamlab.exercise;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The exercise track, in order (labs/exercises/README.md lists the same). */
public final class Exercises {
    private static final ExerciseSettings D = ExerciseSettings.DEFAULTS;

    public static final List<Exercise> ALL = List.of(
            new Exercise(1, "01-parse", "Read the topic, parse readings, route the rest to the DLQ", Exercise.Shape.PARSE,
                    "streamlab.exercises.e1.ParseExercise", "streamlab.solutions.e1.ParseSolution", D),
            new Exercise(2, "02-tumbling-windows", "Event-time tumbling windows with a watermark", Exercise.Shape.WINDOWS,
                    "streamlab.exercises.e2.WindowsExercise", "streamlab.solutions.e2.WindowsSolution", D),
            new Exercise(3, "03-late-data", "Late and out-of-order data: watermark and output mode", Exercise.Shape.WINDOWS,
                    "streamlab.exercises.e3.LateDataExercise", "streamlab.solutions.e3.LateDataSolution", D),
            new Exercise(4, "04-sliding-windows", "Sliding windows and an aggregate of your choice", Exercise.Shape.WINDOWS,
                    "streamlab.exercises.e4.SlidingWindowsExercise", "streamlab.solutions.e4.SlidingWindowsSolution",
                    D.withWindow(Duration.ofMinutes(1), Duration.ofSeconds(20))),
            new Exercise(5, "05-silence-alerts", "An alert rule with state: silent sensors, event-time timeouts",
                    Exercise.Shape.ALERTS, "streamlab.exercises.e5.SilenceExercise", "streamlab.solutions.e5.SilenceSolution", D),
            new Exercise(6, "06-cluster-restart", "The whole job on the cluster, killed and restarted", Exercise.Shape.WINDOWS,
                    "streamlab.exercises.e6.ClusterJobExercise", "streamlab.solutions.e6.ClusterJobSolution", D));

    private Exercises() {}

    public static Optional<Exercise> find(int number) {
        return ALL.stream().filter(e -> e.number() == number).findFirst();
    }
}
