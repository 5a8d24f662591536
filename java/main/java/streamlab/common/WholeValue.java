package streamlab.common;

import com.beust.jcommander.converters.IParameterSplitter;
import java.util.List;

/**
 * A repeatable option takes one value per occurrence. jcommander splits a list option's value on commas by
 * default, which cut {@code --conf spark.jars=a.jar,b.jar} into {@code spark.jars=a.jar} and a bare {@code b.jar}.
 */
public class WholeValue implements IParameterSplitter {
    @Override
    public List<String> split(String value) {
        return List.of(value);
    }
}
