package streamlab.produce;

import streamlab.codec.Reading;

/**
 * One record to send. {@code sendTime} is the event time of the tick at which it goes out (later
 * than the reading's own {@code ts} for late readings); pacing turns it into wall time.
 * {@code raw} is set only for malformed records.
 */
record Emission(Kind kind, Reading reading, byte[] raw, long sendTime) {
    enum Kind {
        /** A valid reading, sent for the first time: the one {@code --record} writes. */
        READING,
        /** The same reading sent again. */
        DUPLICATE,
        /** Bytes that are not a valid record, keyed by the reading's sensor. */
        MALFORMED
    }
}
