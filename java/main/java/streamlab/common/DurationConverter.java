package streamlab.common;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.ParameterException;
import java.time.Duration;

/** jcommander converter for {@link Durations}; the option name is part of the message. */
public class DurationConverter implements IStringConverter<Duration> {
    private final String optionName;

    public DurationConverter(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(optionName + ": " + e.getMessage());
        }
    }
}
