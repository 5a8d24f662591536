package streamlab.process;

/**
 * When a window's result is written: {@code APPEND} once, when the watermark passes the window's end;
 * {@code UPDATE} after every micro-batch that changed it (early results, revised later under the same key).
 */
public enum EmitMode {
    APPEND,
    UPDATE
}
