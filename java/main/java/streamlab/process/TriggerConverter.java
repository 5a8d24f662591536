package streamlab.process;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.ParameterException;
import streamlab.common.DurationConverter;

/** {@code --trigger 5s} or {@code --trigger available-now}. */
public class TriggerConverter implements IStringConverter<TriggerSpec> {
    private final String optionName;

    public TriggerConverter(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public TriggerSpec convert(String value) {
        if (TriggerSpec.AVAILABLE_NOW.equalsIgnoreCase(value.trim())) return TriggerSpec.untilCaughtUp();
        try {
            return TriggerSpec.every(new DurationConverter(optionName).convert(value));
        } catch (ParameterException e) {
            throw new ParameterException(optionName + ": '" + value + "' is neither a duration (500ms, 5s, 1m) nor "
                    + TriggerSpec.AVAILABLE_NOW);
        }
    }
}
