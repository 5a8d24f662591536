package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import streamlab.testkit.Scripts;
import streamlab.testkit.Scripts.Result;

/** The benchmark scripts refuse bad options in one line, before they start or touch anything. */
class BenchOptionsTest {
    @TempDir
    Path var;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bench-process | --rounds 0    | bench-process: --rounds must be a positive number, got '0'",
        "bench-process | --rounds two  | bench-process: --rounds must be a positive number, got 'two'",
        "bench         | --rounds 0    | bench: --rounds must be a positive number, got '0'",
        "bench         | --count -5    | bench: --count must be a positive number, got '-5'",
    })
    void aBadOptionIsOneLineAndExitOne(String script, String args, String line) {
        Result r = new Scripts(Map.of("STREAMLAB_VAR", var.toString())).run(script, args.split(" "));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        assertThat(r.stderr().strip()).as(r.describe()).isEqualTo(line);
        assertThat(var.resolve("run")).as("nothing started").doesNotExist();
    }
}
