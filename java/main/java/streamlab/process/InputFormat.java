package streamlab.process;

/** What the input topic carries; {@code AUTO} tells the formats apart per record by the first byte. */
public enum InputFormat {
    JSON,
    MSGPACK,
    AUTO
}
