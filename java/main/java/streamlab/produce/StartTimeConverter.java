package streamlab.produce;

import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.ParameterException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** {@code --start}: an ISO-8601 instant ({@code 2024-05-01T00:00:00Z}) or epoch milliseconds; to epoch ms. */
public class StartTimeConverter implements IStringConverter<Long> {
    private final String optionName;

    public StartTimeConverter(String optionName) {
        this.optionName = optionName;
    }

    @Override
    public Long convert(String value) {
        String v = value == null ? "" : value.trim();
        if (v.matches("-?\\d{1,18}")) return Long.parseLong(v);
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ParameterException(optionName + ": '" + value
                    + "' is neither an ISO-8601 instant (2024-05-01T00:00:00Z) nor epoch milliseconds");
        }
    }
}
