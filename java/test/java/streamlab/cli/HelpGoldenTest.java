package streamlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import streamlab.testkit.CliRun;

/**
 * Help text is output users read and labs quote: golden files in java/test/resources/cli-outputs
 * catch accidental changes. After a deliberate change, regenerate them with
 * {@code mvn test -Dtest=HelpGoldenTest -Dstreamlab.updateGolden=true} and review the diff.
 */
class HelpGoldenTest {
    private static final Path GOLDEN = Path.of(System.getProperty("streamlab.home", "."), "java/test/resources/cli-outputs");
    private static final boolean UPDATE = Boolean.getBoolean("streamlab.updateGolden");

    @Test
    void mainHelpMatchesGoldenFile() throws IOException {
        check("streamlab.txt", CliRun.of("--help"));
    }

    @Test
    void everyCommandHelpMatchesItsGoldenFile() throws IOException {
        for (String name : Main.commands().keySet()) {
            CliRun r = CliRun.of(name, "--help");
            assertThat(r.out()).as(name).contains("Usage: streamlab " + name + " [options]").contains("Examples:");
            check(name + ".txt", r);
        }
    }

    private static void check(String file, CliRun run) throws IOException {
        assertThat(run.exit()).isZero();
        Path golden = GOLDEN.resolve(file);
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (regenerate with -Dstreamlab.updateGolden=true)", golden).exists();
        assertThat(run.out()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
