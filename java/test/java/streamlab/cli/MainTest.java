package streamlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import streamlab.testkit.CliRun;

class MainTest {
    @Test
    void noCommandIsAUsageError() {
        CliRun r = CliRun.of();
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("Argument error: no command given\n").contains("streamlab --help");
    }

    @Test
    void unknownCommandIsOneLineAndExit2() {
        CliRun r = CliRun.of("frobnicate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue("Argument error: unknown command 'frobnicate'");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownGlobalOptionIsNamed() {
        CliRun r = CliRun.of("--frob");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Argument error:").contains("--frob").doesNotContain("\tat ");
    }

    @Test
    void versionAndHelp() {
        CliRun v = CliRun.of("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).matches("streamlab \\d+\\.\\d+\\.\\d+\\S*\\n");
        CliRun h = CliRun.of("--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).startsWith("Usage: streamlab").contains("Commands:");
        for (String name : Main.commands().keySet()) {
            assertThat(h.out()).as("--help lists %s", name).containsPattern("(?m)^  " + name + " +\\S");
        }
    }

    @Test
    void everyCommandRejectsAnUnknownOptionWithExit2() {
        for (String name : Main.commands().keySet()) {
            CliRun r = CliRun.of(name, "--no-such-option");
            assertThat(r.exit()).as(name).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).as(name)
                    .startsWith("Argument error:").contains("--no-such-option");
            assertThat(r.err()).as(name).contains("streamlab " + name + " --help").doesNotContain("\tat ");
        }
    }

    @Test
    void aValueOutsideAnEnumIsAnsweredWithTheValuesAsUsersTypeThem() {
        CliRun r = CliRun.of("process", "--format", "xml");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue("Argument error: --format must be one of json, msgpack, auto");
        CliRun lower = CliRun.of("produce", "--compression", "zstd", "--format", "msgpack", "--help");
        assertThat(lower.exit()).as("lower-case values are accepted: %s", lower.err()).isZero();
    }
}
