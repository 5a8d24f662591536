package streamlab.process;

/** Where a first run starts reading; a run with an existing checkpoint always resumes from it. */
public enum StartingOffsets {
    EARLIEST,
    LATEST
}
