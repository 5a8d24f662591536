package streamlab.report;

/** How {@code report} shows what it reads. */
public enum OutputMode {
    /** Live terminal view, redrawn in place about once a second. */
    DASHBOARD,
    /** One readable line per record. */
    LINES,
    /** One JSON object per record, whatever the input format. */
    JSONL
}
