package streamlab.produce;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.ParameterException;

/** {@code --rate}: records per second, or {@code max} (infinity) for as fast as the producer goes. */
public class RateConverter implements IStringConverter<Double> {
    private final String optionName;

    public RateConverter(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public Double convert(String value) {
        if ("max".equalsIgnoreCase(value == null ? "" : value.trim())) return Double.POSITIVE_INFINITY;
        double r;
        try {
            r = Double.parseDouble(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new ParameterException(optionName + ": '" + value + "' is not a number of records per second or 'max'");
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new ParameterException(optionName + ": must be more than 0 records per second or 'max', got " + value);
        }
        return r;
    }
}
