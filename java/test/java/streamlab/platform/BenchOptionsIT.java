package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import streamlab.testkit.Scripts;
import streamlab.testkit.Scripts.Result;

/** The benchmark launchers refuse bad options in one line, before they start or touch anything, and list their options. */
class BenchOptionsIT {
    @TempDir
    Path var;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bench-process | --rounds 0                | bench-process: --rounds must be a positive number, got '0'",
        "bench-process | --rounds two              | bench-process: --rounds must be a positive number, got 'two'",
        "bench-process | --master yarn             | bench-process: --master must be local[N] or spark://HOST:PORT, got 'yarn'",
        "bench-process | --formats avro            | bench-process: --formats: 'avro' is not json, json-from-json or msgpack",
        "bench-process | --count                   | bench-process: --count needs a number",
        "bench         | --rounds 0                | bench: --rounds must be a positive number, got '0'",
        "bench         | --count -5                | bench: --count must be a positive number, got '-5'",
        "bench         | --readings-per-sensor 1e3 | bench: --readings-per-sensor must be a positive number, got '1e3'",
        "bench-produce | --num-records 0           | bench-produce: --num-records must be a positive number, got '0'",
        "bench-produce | --formats avro            | bench-produce: --formats: 'avro' is not json or msgpack",
    })
    void aBadOptionIsOneLineAndExitOne(String script, String args, String line) {
        Result r = new Scripts(Map.of("STREAMLAB_VAR", var.toString())).run(script, args.split(" "));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr().strip()).as(r.describe()).isEqualTo(line);
        assertThat(var.resolve("run")).as("nothing started").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench", "bench-process", "bench-produce"})
    void helpListsTheOptionsAndStartsNothing(String script) {
        Result r = new Scripts(Map.of("STREAMLAB_VAR", var.toString())).run(script, "--help");
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).as(r.describe()).startsWith("Usage: " + script + " [--bootstrap-server HOST:PORT]").contains("--rounds R");
        assertThat(var.resolve("run")).as("nothing started").doesNotExist();
    }
}
