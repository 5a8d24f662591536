package streamlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.beust.jcommander.JCommander;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import streamlab.common.Command;

/**
 * Every example of every {@code --help} works as written: it names its command, its options parse, and each file
 * it reads is in the kit (data/) or is written by an example before it ({@code --record}, {@code --truth} of
 * produce, {@code > FILE}).
 */
class HelpExamplesTest {
    private static final Path HOME = Path.of(System.getProperty("streamlab.home", "."));
    /** Options whose value is a file the command writes, per command. */
    private static final Map<String, Set<String>> WRITES = Map.of("produce", Set.of("--record", "--truth"),
            "replay", Set.of("--bad-rows"), "report", Set.of("--plot"));
    /** Options whose value is a file the command reads, per command; replay also reads its one argument. */
    private static final Map<String, Set<String>> READS = Map.of("score", Set.of("--truth", "--alerts-file"));
    /** replay's options that take no value: a word after them is the file. */
    private static final Set<String> REPLAY_FLAGS = Set.of("--loop", "--skip-bad");

    @Test
    void everyExampleParsesAndReadsOnlyFilesThatExist() {
        Set<String> written = new HashSet<>();
        int examples = 0;
        for (String name : Main.commands().keySet()) {
            for (String line : Main.commands().get(name).get().examples().strip().split("\n")) {
                List<String> words = words(line.strip());
                assertThat(words).as(line).startsWith("streamlab", name);
                int redirect = words.indexOf(">");
                if (redirect >= 0) {
                    written.add(words.get(redirect + 1));
                    words = words.subList(0, redirect);
                }
                String[] args = words.subList(2, words.size()).toArray(String[]::new);
                Command command = Main.commands().get(name).get();
                JCommander jc = JCommander.newBuilder().programName("streamlab").build();
                jc.addCommand(name, command);
                String[] all = new String[args.length + 1];
                all[0] = name;
                System.arraycopy(args, 0, all, 1, args.length);
                assertThatCode(() -> jc.parse(all)).as(line).doesNotThrowAnyException();

                for (int i = 0; i < args.length; i++) {
                    String option = i > 0 && args[i - 1].startsWith("--") ? args[i - 1] : "";
                    if (WRITES.getOrDefault(name, Set.of()).contains(option)) written.add(args[i]);
                    boolean positional = !args[i].startsWith("-") && (option.isEmpty() || REPLAY_FLAGS.contains(option));
                    if (READS.getOrDefault(name, Set.of()).contains(option) || name.equals("replay") && positional) {
                        assertThat(Files.exists(HOME.resolve(args[i])) || written.contains(args[i]))
                                .as("%s: %s is neither in the kit nor written by an example before it", line, args[i]).isTrue();
                    }
                }
                examples++;
            }
        }
        assertThat(examples).isGreaterThan(20);
    }

    /** The words of a shell line: white space separates them, single quotes group them. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                if (word == null) word = new StringBuilder();
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word != null) words.add(word.toString());
                word = null;
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words;
    }
}
