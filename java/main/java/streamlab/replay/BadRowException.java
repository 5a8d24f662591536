package streamlab.replay;

import streamlab.common.UserException;

/** A CSV row that is not a reading: {@code data/x.csv:17: column 'temperature': 'abc' is not a number}. */
public final class BadRowException extends UserException {
    private final long line;
    private final String problem;

    BadRowException(String file, long line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.line = line;
        this.problem = problem;
    }

    /** What is wrong, without file and line: "column 'temperature': 'abc' is not a number". */
    public String problem() {
        return problem;
    }

    public long line() {
        return line;
    }
}
