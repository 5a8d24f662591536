package streamlab.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The benchmarks' entry point, started by their launchers through bin/streamlab (the kit's class path, never
 * the broker's): {@code BenchMain bench|bench-process|bench-produce ARGS}. The first argument is the launcher's
 * name, which prefixes every message. Exit 0 when the run completed, 1 on a refused option or a failed run.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: BenchMain bench|bench-process|bench-produce [options]");
            return 2;
        }
        String name = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        // Ctrl-C or SIGTERM: the programs the bench started go with it (its servers have a hook of their own).
        Thread children = new Thread(ChildRun::stopAll);
        Runtime.getRuntime().addShutdownHook(children);
        try {
            switch (name) {
                case "bench" -> suite(BenchOptions.Suite.parse(rest), env, out, err);
                case "bench-process" -> process(BenchOptions.Process.parse(rest, env), env, out, err);
                case "bench-produce" -> produce(BenchOptions.Produce.parse(rest, env), env, out, err);
                default -> {
                    err.println("BenchMain: unknown benchmark '" + name + "'");
                    return 2;
                }
            }
            return 0;
        } catch (BenchOptions.HelpAsked e) {
            out.print(usage(name));
            return 0;
        } catch (BenchOptions.Refused e) {
            if (e.withUsage) err.print(usage(name));
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (BenchException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println(name + ": " + e);
            if (env.containsKey("STREAMLAB_BENCH_DEBUG")) e.printStackTrace(err);
            return 1;
        } finally {
            deleteJarCopy(env.get("STREAMLAB_BENCH_JAR"));
        }
    }

    /** The launcher's copy of the jar and its class-data archive, if any. */
    private static void deleteJarCopy(String copy) {
        if (copy == null || !copy.endsWith(".jar")) return;
        String base = copy.substring(0, copy.length() - ".jar".length());
        for (String f : new String[] {copy, base + ".jsa", base + ".jvm"}) {
            try {
                Files.deleteIfExists(Path.of(f));
            } catch (java.io.IOException e) {
                // A copy left behind is overwritten by the next run.
            }
        }
    }

    private static String usage(String name) {
        return switch (name) {
            case "bench-process" -> BenchOptions.Process.usage(name);
            case "bench-produce" -> BenchOptions.Produce.usage(name);
            default -> BenchOptions.Suite.usage(name);
        };
    }

    private static void suite(BenchOptions.Suite o, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Kit kit = new Kit(env);
        Files.createDirectories(kit.benchDir);
        Path logFile = kit.benchDir.resolve("bench.log");
        Files.writeString(logFile, "");
        // Every run uses one copy of the jar, made by the launcher: a rebuild during the bench neither breaks a run nor mixes builds.
        String copy = env.get("STREAMLAB_BENCH_JAR");
        if (copy != null && !copy.isBlank()) kit.childEnv.put("STREAMLAB_JAR", copy);
        Suite.Report report = new Suite(kit, env, o, new Log(err, logFile)).run();
        Files.writeString(kit.benchDir.resolve("results.json"), ResultsWriter.json(report), StandardCharsets.UTF_8);
        String md = ResultsWriter.markdown(report);
        Files.writeString(kit.benchDir.resolve("results.md"), md, StandardCharsets.UTF_8);
        out.print(md);
        out.flush();
        new Log(err, logFile).progress("bench: written to " + kit.benchDir.resolve("results.md") + " and results.json");
    }

    private static void process(BenchOptions.Process o, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Kit kit = new Kit(env);
        Path work = Files.createTempDirectory("bench-process.");
        ProcessBench.Result r;
        try (Topics topics = new Topics(o.bootstrap)) {
            r = new ProcessBench(kit, topics, o, work, new Log(err, null)).run();
        } finally {
            ProcessBench.deleteTree(work);
        }
        String md = ResultsWriter.markdown(r, o.name);
        Files.writeString(kit.benchDir.resolve(o.name + ".md"), md, StandardCharsets.UTF_8);
        Files.writeString(kit.benchDir.resolve(o.name + ".json"), ResultsWriter.json(r), StandardCharsets.UTF_8);
        out.print(md);
        out.flush();
        err.println("written to " + kit.benchDir.resolve(o.name + ".md") + " and " + o.name + ".json (progress and logs next to them)");
    }

    private static void produce(BenchOptions.Produce o, Map<String, String> env, PrintStream out, PrintStream err) throws Exception {
        Kit kit = new Kit(env);
        Path work = Files.createTempDirectory("bench-produce.");
        ProduceBench.Result r;
        try (Topics topics = new Topics(o.bootstrap)) {
            r = new ProduceBench(kit, topics, o.bootstrap, o, work, new Log(err, null)).run();
        } finally {
            ProcessBench.deleteTree(work);
        }
        Files.createDirectories(kit.benchDir);
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String md = ResultsWriter.markdown(r, date, Machine.cores());
        Files.writeString(kit.benchDir.resolve("produce.md"), md, StandardCharsets.UTF_8);
        Files.writeString(kit.benchDir.resolve("produce.json"), ResultsWriter.json(r), StandardCharsets.UTF_8);
        out.print(md);
        out.flush();
        err.println("written to " + kit.benchDir.resolve("produce.md") + " and produce.json");
    }
}
