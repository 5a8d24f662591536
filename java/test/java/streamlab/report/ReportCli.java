package streamlab.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import streamlab.cli.CliRun;
import streamlab.cli.Main;

/**
 * Runs {@code streamlab report} through {@link Main#run} and captures its output. Commands write to
 * System.out and System.err (as produce and replay do), so those are swapped for the call too.
 */
final class ReportCli {
    private ReportCli() {}

    static synchronized CliRun run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.run(args, o, e);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static String[] args(String bootstrap, List<String> rest) {
        String[] a = new String[rest.size() + 3];
        a[0] = "report";
        a[1] = "--bootstrap-server";
        a[2] = bootstrap;
        for (int i = 0; i < rest.size(); i++) a[i + 3] = rest.get(i);
        return a;
    }
}
