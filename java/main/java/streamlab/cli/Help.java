package streamlab.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameters;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import streamlab.common.Command;
import streamlab.common.Durations;

/** Help texts; golden files in the tests pin them, so changes here are deliberate. */
final class Help {
    /** jcommander prints a Duration default with toString(); users write durations as 30s, 5m. */
    private static final Pattern ISO_DURATION = Pattern.compile("Default: (PT[0-9.HMS]+)");
    /** An enum option: its default (if any) and its values, as jcommander prints them, in the constants' case. */
    private static final Pattern ENUM_VALUES = Pattern.compile("(Default: ([A-Z0-9_]+)\\n\\s+)?Possible Values: \\[([A-Z0-9_, ]+)]");
    /** A list option without values: jcommander prints its empty default, which says nothing. */
    private static final Pattern EMPTY_LIST_DEFAULT = Pattern.compile("\\n\\s+Default: \\[]");
    /** jcommander's message for a value that is not one of an enum's constants. */
    private static final Pattern ALLOWED_VALUES = Pattern.compile("Invalid value for (\\S+) parameter\\. Allowed values:\\[([A-Z0-9_, ]+)]");

    private Help() {}

    static boolean requested(Command c) {
        return c.common() != null && c.common().help;
    }

    static String main(JCommander jc) {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: streamlab [--version] [--help] COMMAND [options]\n\n");
        sb.append("A lab kit for streaming analytics with Kafka and Spark Structured Streaming.\n\n");
        sb.append("Commands:\n");
        jc.getCommands().forEach((name, sub) -> {
            Object o = sub.getObjects().get(0);
            Parameters p = o.getClass().getAnnotation(Parameters.class);
            sb.append(String.format("  %-9s %s%n", name, p == null ? "" : p.commandDescription()));
        });
        sb.append("\nRun 'streamlab COMMAND --help' for the options of a command.\n");
        sb.append("Durations are written 500ms, 30s, 5m, 1h. Exit codes: 0 ok, 1 failure, 2 usage error.\n");
        return sb.toString();
    }

    static String command(JCommander jc, String name) {
        StringBuilder sb = new StringBuilder();
        jc.getUsageFormatter().usage(name, sb);
        String text = sb.toString().replaceFirst("(?m)^Usage: " + Pattern.quote(name) + "\\b", "Usage: streamlab " + name);
        text = EMPTY_LIST_DEFAULT.matcher(text).replaceAll("");
        // Users type enum values in lower case (jcommander accepts either); show them so.
        text = ENUM_VALUES.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group().toLowerCase(Locale.ROOT)
                .replace("default: ", "Default: ").replace("possible values: ", "Possible Values: ")));
        text = ISO_DURATION.matcher(text).replaceAll(r -> "Default: " + Durations.format(Duration.parse(r.group(1))));
        sb.setLength(0);
        sb.append(text);
        Command c = (Command) jc.getCommands().get(name).getObjects().get(0);
        String examples = c.examples();
        if (!examples.isBlank()) {
            sb.append("\n  Examples:\n");
            for (String line : examples.strip().split("\n")) sb.append("    ").append(line.strip()).append('\n');
        }
        return sb.toString();
    }

    /** jcommander's messages name its own API ("main parameter", "arg class"); say it the user's way. */
    static String clean(String message, boolean beforeCommand) {
        if (message == null) return "invalid arguments";
        if (message.startsWith("Was passed main parameter '")) {
            String arg = message.substring("Was passed main parameter '".length());
            arg = arg.substring(0, Math.max(0, arg.indexOf('\'')));
            if (arg.startsWith("-")) return "unknown option '" + arg + "'";
            return beforeCommand ? "unknown command '" + arg + "'" : "unexpected argument '" + arg + "'";
        }
        Matcher allowed = ALLOWED_VALUES.matcher(message);
        if (allowed.find()) {
            return allowed.group(1) + " must be one of " + allowed.group(2).toLowerCase(Locale.ROOT);
        }
        if (message.startsWith("Expected a command, got ")) {
            return "unknown command '" + message.substring("Expected a command, got ".length()) + "'";
        }
        return message;
    }
}
