package streamlab.bench;

import com.beust.jcommander.IParameterValidator;
import com.beust.jcommander.IStringConverter;
import com.beust.jcommander.ParameterException;
import java.util.List;
import java.util.Map;

/**
 * jcommander converters and validators of the benchmarks' options. jcommander hands each the option's name, so every
 * refusal is one line naming the option and quoting the value ("--rounds must be a positive number, got '0'").
 * Numbers are checked as text: jcommander's own converters would take "-5", "+5", "07" or report a Java exception.
 */
final class BenchConverters {
    private BenchConverters() {}

    static long positive(String option, String v) {
        if (!v.matches("[1-9][0-9]{0,17}")) throw new ParameterException(option + " must be a positive number, got '" + v + "'");
        return Long.parseLong(v);
    }

    static int positiveInt(String option, String v) {
        long n = positive(option, v);
        if (n > Integer.MAX_VALUE) throw new ParameterException(option + " must be a positive number, got '" + v + "'");
        return (int) n;
    }

    static long nonNegative(String option, String v) {
        if (!v.matches("[0-9]{1,18}")) throw new ParameterException(option + " must be a number (0 or more), got '" + v + "'");
        return Long.parseLong(v);
    }

    /** A list is one argument, its items separated by spaces: --formats "json msgpack". */
    static List<String> words(String s) {
        String t = s.trim();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    /** "json or msgpack", "json, json-from-json or msgpack". */
    private static String oneOf(List<String> choices) {
        int last = choices.size() - 1;
        return last == 0 ? choices.get(0) : String.join(", ", choices.subList(0, last)) + " or " + choices.get(last);
    }

    private static void check(String option, String value, List<String> choices) {
        if (!choices.contains(value)) throw new ParameterException(option + ": '" + value + "' is not " + oneOf(choices));
    }

    /** jcommander passes the option's name to a converter's constructor. */
    abstract static class Named<T> implements IStringConverter<T> {
        final String option;

        Named(String option) {
            this.option = option;
        }
    }

    public static class PositiveLong extends Named<Long> {
        public PositiveLong(String option) {
            super(option);
        }

        @Override
        public Long convert(String v) {
            return positive(option, v);
        }
    }

    public static class PositiveInt extends Named<Integer> {
        public PositiveInt(String option) {
            super(option);
        }

        @Override
        public Integer convert(String v) {
            return positiveInt(option, v);
        }
    }

    public static class NonNegativeLong extends Named<Long> {
        public NonNegativeLong(String option) {
            super(option);
        }

        @Override
        public Long convert(String v) {
            return nonNegative(option, v);
        }
    }

    /** A count of 0 or more that the bench keeps in an int: a larger one means as many as an int holds. */
    public static class NonNegativeInt extends Named<Integer> {
        public NonNegativeInt(String option) {
            super(option);
        }

        @Override
        public Integer convert(String v) {
            return (int) Math.min(Integer.MAX_VALUE, nonNegative(option, v));
        }
    }

    /** Seconds, 0 included, up to a bound no run comes near. */
    public static class Seconds extends Named<Integer> {
        public Seconds(String option) {
            super(option);
        }

        @Override
        public Integer convert(String v) {
            if (!v.matches("[0-9]{1,6}")) throw new ParameterException(option + " must be a number of seconds, got '" + v + "'");
            return Integer.parseInt(v);
        }
    }

    /** "1 2 4". */
    public static class PositiveInts extends Named<List<Integer>> {
        public PositiveInts(String option) {
            super(option);
        }

        @Override
        public List<Integer> convert(String v) {
            return words(v).stream().map(w -> positiveInt(option, w)).toList();
        }
    }

    /** "6000000 20000000". */
    public static class PositiveLongs extends Named<List<Long>> {
        public PositiveLongs(String option) {
            super(option);
        }

        @Override
        public List<Long> convert(String v) {
            return words(v).stream().map(w -> positive(option, w)).toList();
        }
    }

    /** The formats bench-produce measures: those of streamlab produce. */
    public static class ProduceFormats extends Named<List<String>> {
        public ProduceFormats(String option) {
            super(option);
        }

        @Override
        public List<String> convert(String v) {
            List<String> formats = words(v);
            for (String f : formats) check(option, f, List.of("json", "msgpack"));
            return formats;
        }
    }

    /** The formats bench-process measures; json-from-json is process's JSON with --json-parser from_json. */
    public static class ProcessFormats extends Named<List<String>> {
        public ProcessFormats(String option) {
            super(option);
        }

        @Override
        public List<String> convert(String v) {
            List<String> formats = words(v);
            for (String f : formats) check(option, f, List.of("json", "json-from-json", "msgpack"));
            return formats;
        }
    }

    public static class InputFormat extends Named<String> {
        public InputFormat(String option) {
            super(option);
        }

        @Override
        public String convert(String v) {
            check(option, v, List.of("json", "msgpack"));
            return v;
        }
    }

    /** LABEL:KEY=VALUE; the label names output rows and files, so it stays a plain word. */
    public static class Variant extends Named<Map.Entry<String, String>> {
        public Variant(String option) {
            super(option);
        }

        @Override
        public Map.Entry<String, String> convert(String v) {
            int colon = v.indexOf(':');
            if (colon <= 0 || !v.substring(0, colon).matches("[A-Za-z0-9._-]+") || v.indexOf('=', colon) <= colon + 1) {
                throw new ParameterException(option + " needs LABEL:KEY=VALUE (label of letters, digits, . _ -), got '" + v + "'");
            }
            return Map.entry(v.substring(0, colon), v.substring(colon + 1));
        }
    }

    /** A Spark setting, KEY=VALUE. */
    public static class KeyValue implements IParameterValidator {
        @Override
        public void validate(String option, String v) {
            if (v.indexOf('=') <= 0) throw new ParameterException(option + " needs KEY=VALUE, got '" + v + "'");
        }
    }

    /** The name of the output files. */
    public static class PlainName implements IParameterValidator {
        @Override
        public void validate(String option, String v) {
            if (!v.matches("[A-Za-z0-9._-]+")) {
                throw new ParameterException(option + " must be a plain file name (letters, digits, . _ -), got '" + v + "'");
            }
        }
    }

    /** Where bench-process runs the job: in its own JVM, or on a standalone cluster through bin/submit-job. */
    public static class Master implements IParameterValidator {
        @Override
        public void validate(String option, String v) {
            if (!v.matches("local(\\[.*\\])?|spark://.+:.+")) {
                throw new ParameterException(option + " must be local[N] or spark://HOST:PORT, got '" + v + "'");
            }
        }
    }

    /** A flag given twice stays given: jcommander, left to itself, flips a boolean each time it meets its flag. */
    public static class Flag implements IStringConverter<Boolean> {
        @Override
        public Boolean convert(String ignored) {
            return true;
        }
    }
}
