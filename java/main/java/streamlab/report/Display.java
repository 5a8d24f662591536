package streamlab.report;

/**
 * How {@code report} shows what it reads ({@code --output}). Not to be confused with Spark's output mode, which
 * {@code process --output-mode} sets through {@link streamlab.process.EmitMode}.
 */
public enum Display {
    /** Live terminal view, redrawn in place about once a second. */
    DASHBOARD,
    /** One readable line per record. */
    LINES,
    /** One JSON object per record, whatever the input format. */
    JSONL
}
