package streamlab.cli;

import com.beust.jcommander.JCommander;
import com.beust.jcommander.Parameter;
import com.beust.jcommander.ParameterException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.AuthorizationException;
import streamlab.common.Command;
import streamlab.common.JitDirectives;
import streamlab.common.StopSignal;
import streamlab.common.UserException;

/**
 * {@code streamlab COMMAND [options]}: the one entry point of the kit. Exit codes: 0 ok, 1 runtime
 * failure, 2 usage error. Errors are one line on stderr; {@code --verbose} adds the stack trace.
 */
public final class Main {
    /** Registered commands, in the order {@code --help} lists them. Suppliers keep start-up lazy. */
    static Map<String, Supplier<Command>> commands() {
        Map<String, Supplier<Command>> m = new LinkedHashMap<>();
        CommandRegistry.register(m);
        return m;
    }

    static class GlobalOptions {
        @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help and exit")
        boolean help;

        @Parameter(names = "--version", description = "Print the version and exit")
        boolean version;

        @Parameter(names = "--verbose", description = "Print stack traces on errors")
        boolean verbose;
    }

    private Main() {}

    public static void main(String[] args) {
        JitDirectives.install();
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Parses and runs one command; never calls System.exit, so tests can call it. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        GlobalOptions global = new GlobalOptions();
        Map<String, Supplier<Command>> registry = commands();
        JCommander jc = JCommander.newBuilder().programName("streamlab").addObject(global).build();
        Map<String, Command> instances = new LinkedHashMap<>();
        registry.forEach((name, make) -> {
            Command c = make.get();
            instances.put(name, c);
            jc.addCommand(name, c);
        });
        try {
            jc.parse(args);
            if (global.version) {
                out.println("streamlab " + Version.get());
                return 0;
            }
            String name = jc.getParsedCommand();
            if (name == null) {
                if (global.help) {
                    out.print(Help.main(jc));
                    return 0;
                }
                err.println("Argument error: no command given");
                err.println("Run 'streamlab --help' for the list of commands.");
                return 2;
            }
            Command command = instances.get(name);
            if (Help.requested(command)) {
                out.print(Help.command(jc, name));
                return 0;
            }
            return command.run(out, err);
        } catch (ParameterException e) {
            String name = jc.getParsedCommand();
            err.println("Argument error: " + Help.clean(e.getMessage(), name == null));
            err.println(name == null ? "Run 'streamlab --help' for the list of commands."
                    : "Run 'streamlab " + name + " --help' for usage.");
            if (verbose) e.printStackTrace(err);
            return 2;
        } catch (UserException e) {
            err.println("Error: " + e.getMessage());
            if (verbose) e.printStackTrace(err);
            return e.exitCode();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            err.println("Error: " + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()));
            if (verbose) {
                e.printStackTrace(err);
            } else if (!(root instanceof AuthorizationException)) {
                // A broker's refusal (its ACLs) is the user's to act on, not a fault of the kit: no trace to offer.
                err.println("(run with --verbose for the stack trace)");
            }
            return 1;
        } finally {
            StopSignal.commandFinished();
        }
    }
}
