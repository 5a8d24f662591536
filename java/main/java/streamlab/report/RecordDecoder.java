package streamlab.report;

import streamlab.codec.Alert;
import streamlab.codec.AlertCodec;
import streamlab.codec.DecodeException;
import streamlab.codec.WindowResult;
import streamlab.codec.WindowResultCodec;

/**
 * Turns a record's bytes into an {@link Item}, never throwing: the topic's role says what to expect
 * (the alerts topic carries alerts, any other topic window results); the format, JSON or msgpack, is
 * detected per record. A record that does not decode as expected is tried as the other kind, so a
 * topic given with --topics that mixes both still reads.
 */
public final class RecordDecoder {
    private final String alertsTopic;

    public RecordDecoder(String alertsTopic) {
        this.alertsTopic = alertsTopic;
    }

    public Item decode(String topic, int partition, long offset, byte[] value) {
        Item.Source src = new Item.Source(topic, partition, offset);
        if (value == null) return new Item.SkippedItem(src, "null value (tombstone)");
        boolean alertsFirst = topic.equals(alertsTopic);
        try {
            return alertsFirst ? alert(src, value) : window(src, value);
        } catch (DecodeException | IllegalArgumentException first) {
            try {
                return alertsFirst ? window(src, value) : alert(src, value);
            } catch (DecodeException | IllegalArgumentException second) {
                return new Item.SkippedItem(src, first.getMessage());
            }
        }
    }

    private static Item window(Item.Source src, byte[] value) {
        WindowResult w = WindowResultCodec.decode(value);
        return new Item.WindowItem(src, w);
    }

    private static Item alert(Item.Source src, byte[] value) {
        Alert a = AlertCodec.decode(value);
        return new Item.AlertItem(src, a);
    }
}
