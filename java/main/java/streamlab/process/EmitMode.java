package streamlab.process;

/**
 * When a window's result is written ({@code process --output-mode}, named after Spark's output modes, which mean
 * the same): {@code APPEND} once, when the watermark passes the window's end; {@code UPDATE} after every
 * micro-batch that changed it (early results, revised later under the same key). {@code process} emits windows
 * itself, in its per-sensor state, so its Spark query always runs in Spark's append mode whatever this says.
 */
public enum EmitMode {
    APPEND,
    UPDATE
}
