package streamlab.labs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@code text expected} block is compared with what a step printed (stdout and stderr together, as
 * in a terminal), as labs/README.md tells students:
 * <ul>
 *   <li>every non-blank line of the block must appear in the output, in the block's order; the output may
 *       have other lines before, between and after them (progress lines, warnings);</li>
 *   <li>a line matches a whole output line; {@code ...} inside a line stands for any text (figures that
 *       change from run to run: rates, ids, times); a line that is only {@code ...} says "more lines here"
 *       and matches nothing by itself;</li>
 *   <li>leading and trailing blanks are ignored and any run of blanks matches any run of blanks (Kafka's
 *       tools print tabs);</li>
 *   <li>the kit's default ports in the block are read as the ports the walk uses (the test runs on free
 *       ports so that it never meets a lab that runs on the defaults).</li>
 * </ul>
 */
final class ExpectedOutput {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    private static final Pattern NUMBER = Pattern.compile("(?<![0-9.])([0-9]{4,5})(?![0-9])");

    private ExpectedOutput() {}

    /**
     * Empty when {@code output} satisfies {@code expected}; otherwise why not, naming the first line of the
     * block that was not found after the lines matched before it.
     */
    static Optional<String> mismatch(String expected, String output, Map<Integer, Integer> ports) {
        List<String> out = new ArrayList<>();
        for (String l : ANSI.matcher(output).replaceAll("").split("\r?\n|\r")) out.add(normalise(l));
        int at = 0;
        int lineNo = 0;
        for (String raw : expected.split("\n")) {
            lineNo++;
            String want = normalise(withPorts(raw, ports));
            if (want.isEmpty() || want.equals("...")) continue;
            Pattern p = pattern(want);
            int found = -1;
            for (int k = at; k < out.size(); k++) {
                if (p.matcher(out.get(k)).matches()) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                boolean earlier = out.subList(0, at).stream().anyMatch(l -> p.matcher(l).matches());
                return Optional.of("expected line " + lineNo + " of the block not found" + (earlier ? " after the lines matched before it" : "")
                        + ":\n    " + want);
            }
            at = found + 1;
        }
        return Optional.empty();
    }

    /** Default ports written in a README, as the ports of this walk (whole numbers only, never part of one). */
    static String withPorts(String line, Map<Integer, Integer> ports) {
        Matcher m = NUMBER.matcher(line);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Integer to = ports.get(Integer.parseInt(m.group(1)));
            m.appendReplacement(b, to == null ? m.group(1) : to.toString());
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String normalise(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    /** {@code ...} is any text; a blank between words is any run of blanks. */
    static Pattern pattern(String want) {
        List<String> parts = new ArrayList<>();
        for (String part : want.split("\\.\\.\\.", -1)) {
            List<String> words = new ArrayList<>();
            for (String w : part.strip().split(" ")) {
                if (!w.isEmpty()) words.add(Pattern.quote(w));
            }
            parts.add(String.join("\\s+", words));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
