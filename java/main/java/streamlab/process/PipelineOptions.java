package streamlab.process;

import java.io.Serializable;
import java.time.Duration;
import streamlab.codec.Format;
import streamlab.process.alerts.AlertOptions;

/**
 * What {@link Pipeline} needs to know, shipped to the executors with the functions.
 *
 * @param topic        the input topic (for the {@code streamlab.source} header of late readings)
 * @param lateTopic    where late readings go, or null to count them only
 */
public record PipelineOptions(InputFormat format, JsonParser jsonParser, Format reportFormat, WindowSpec windows, EmitMode emitMode,
                              Duration maxFuture, AlertOptions alerts, String topic, String reportTopic,
                              String alertsTopic, String dlqTopic, String lateTopic) implements Serializable {
}
