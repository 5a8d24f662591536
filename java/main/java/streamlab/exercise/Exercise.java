package streamlab.exercise;

import java.nio.file.Path;

/**
 * One exercise of the track: its number, its folder under {@code labs/exercises/}, what shape of query it
 * asks for, the class the student edits and the reference solution (absent from an instructor's hand-out).
 */
public record Exercise(int number, String folder, String title, Shape shape, String exerciseClass, String solutionClass,
                       ExerciseSettings defaults) {
    /** Which query interface the classes implement, and so how the runner wires them. */
    public enum Shape { PARSE, WINDOWS, ALERTS }

    public Path readme() {
        return Path.of("labs", "exercises", folder, "README.md");
    }

    /** The skeleton's source file, relative to the kit's top folder. */
    public Path exerciseSource() {
        return Path.of("java", "exercises", "main", "java", exerciseClass.replace('.', '/') + ".java");
    }
}
