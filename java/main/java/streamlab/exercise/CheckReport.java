package streamlab.exercise;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The check's verdict, printed like {@code bin/lab-check}: one PASS/FAIL line per check, details and a hint under a FAIL. */
final class CheckReport {
    record Item(boolean pass, String what, List<String> details, Hint hint) {}

    private final List<Item> items = new ArrayList<>();

    void pass(String what) {
        items.add(new Item(true, what, List.of(), null));
    }

    void fail(String what, List<String> details, Hint hint) {
        items.add(new Item(false, what, details, hint));
    }

    boolean passed() {
        return items.stream().allMatch(Item::pass);
    }

    List<Item> items() {
        return items;
    }

    void print(PrintStream out) {
        long failed = items.stream().filter(i -> !i.pass()).count();
        for (Item i : items) {
            out.println("  " + (i.pass() ? "PASS " : "FAIL ") + i.what());
            for (String d : i.details()) out.println("       " + d);
            if (i.hint() != null) {
                List<String> lines = wrap(i.hint().text(), 96);
                out.println("       hint: " + lines.get(0));
                for (String l : lines.subList(1, lines.size())) out.println("             " + l);
            }
        }
        out.println(failed == 0 ? "result: all " + items.size() + " checks passed"
                : "result: " + failed + " of " + items.size() + " checks failed");
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
