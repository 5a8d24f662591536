package streamlab.labs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable parts of a lab's README, as labs/README.md defines them ("How the labs are tested"):
 * <ul>
 *   <li>a fenced block whose info string is {@code bash lab-step} is a step: run in the kit's top folder
 *       after {@code source labs/env.sh}, it must exit 0. Words after {@code lab-step}:
 *       {@code background} (a long-running command, started in the background and stopped with SIGINT,
 *       as Ctrl-C would, at the end of the lab) and {@code timeout=SECONDS};</li>
 *   <li>a fenced block with info string {@code text expected} is the expected output of the step just
 *       before it (see {@link ExpectedOutput});</li>
 *   <li>every other block ({@code bash}, {@code text}, ...) is prose for the reader and never run.</li>
 * </ul>
 */
record LabReadme(Path file, String number, List<Step> steps) {
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(.*)$");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(240);

    /** One {@code bash lab-step} block; {@code line} is where its fence opens (1-based). */
    record Step(int line, String command, boolean background, Duration timeout, Optional<Expected> expected) {
        Step withExpected(Expected e) {
            return new Step(line, command, background, timeout, Optional.of(e));
        }

        String where(Path file) {
            return file.getParent().getFileName() + "/" + file.getFileName() + ":" + line;
        }
    }

    /** One {@code text expected} block and the line its fence opens on. */
    record Expected(int line, String text) {}

    static LabReadme read(Path file) {
        try {
            String number = file.getParent().getFileName().toString().replaceFirst("^(\\d+).*", "$1");
            return new LabReadme(file, number, parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Step> parse(String name, String markdown) {
        List<Step> steps = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) continue;
            String indent = open.group(1);
            String[] info = open.group(2).trim().split("\\s+");
            int start = i + 1;
            StringBuilder body = new StringBuilder();
            int j = start;
            for (; j < lines.length; j++) {
                Matcher close = FENCE.matcher(lines[j]);
                if (close.matches() && close.group(2).isBlank()) break;
                String l = lines[j];
                // Blocks inside list items are indented; the command is not.
                body.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading()).append('\n');
            }
            if (j == lines.length) throw new IllegalArgumentException(name + ":" + start + ": code block is never closed");
            i = j;
            if (info.length >= 2 && info[0].equals("bash") && info[1].equals("lab-step")) {
                steps.add(step(name, start, info, body.toString()));
            } else if (info.length >= 2 && info[0].equals("text") && info[1].equals("expected")) {
                if (steps.isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + start + ": 'text expected' block before any 'bash lab-step' block");
                }
                Step last = steps.get(steps.size() - 1);
                if (last.expected().isPresent()) {
                    throw new IllegalArgumentException(name + ":" + start + ": second 'text expected' block for the step at line " + last.line());
                }
                steps.set(steps.size() - 1, last.withExpected(new Expected(start, body.toString())));
            }
        }
        return steps;
    }

    private static Step step(String name, int line, String[] info, String body) {
        boolean background = false;
        Duration timeout = DEFAULT_TIMEOUT;
        for (int k = 2; k < info.length; k++) {
            String w = info[k];
            if (w.equals("background")) {
                background = true;
            } else if (w.startsWith("timeout=")) {
                timeout = Duration.ofSeconds(Long.parseLong(w.substring("timeout=".length())));
            } else {
                throw new IllegalArgumentException(name + ":" + line + ": unknown lab-step word '" + w + "'");
            }
        }
        if (body.isBlank()) throw new IllegalArgumentException(name + ":" + line + ": empty lab-step block");
        return new Step(line, body, background, timeout, Optional.empty());
    }
}
