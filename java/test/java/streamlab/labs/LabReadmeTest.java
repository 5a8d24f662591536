package streamlab.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Markdown conventions of labs/README.md ("How the labs are tested"), and every lab following them. */
class LabReadmeTest {
    static final String LAB = """
            # Lab

            **Command**
            ```bash lab-step
            bin/start-kafka
            ```

            ```text expected
            kafka-1 is ready on 127.0.0.1:9092
            ```

            ```bash
            echo "for the reader only"
            ```

            1. In a list:
               ```bash lab-step background timeout=600
               bin/streamlab report \\
                 --output lines
               ```
            """;

    @Test
    void stepsExpectedBlocksAndWordsAreParsed() {
        List<LabReadme.Step> steps = LabReadme.parse("lab", LAB);
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).command()).isEqualTo("bin/start-kafka\n");
        assertThat(steps.get(0).line()).isEqualTo(4);
        assertThat(steps.get(0).expected()).hasValueSatisfying(e -> {
            assertThat(e.text()).isEqualTo("kafka-1 is ready on 127.0.0.1:9092\n");
            assertThat(e.line()).isEqualTo(8);
        });
        assertThat(steps.get(0).timeout()).isEqualTo(LabReadme.DEFAULT_TIMEOUT);
        assertThat(steps.get(1).background()).isTrue();
        assertThat(steps.get(1).timeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(steps.get(1).command()).isEqualTo("bin/streamlab report \\\n  --output lines\n");
    }

    @Test
    void mistakesInTheMarkupAreReportedWithTheirLine() {
        assertThatThrownBy(() -> LabReadme.parse("x.md", "```text expected\nfoo\n```\n"))
                .hasMessageContaining("x.md:1: 'text expected' block before any 'bash lab-step' block");
        assertThatThrownBy(() -> LabReadme.parse("x.md", "```bash lab-step backgroud\nls\n```\n"))
                .hasMessageContaining("x.md:1: unknown lab-step word 'backgroud'");
        assertThatThrownBy(() -> LabReadme.parse("x.md", "text\n```bash lab-step\nls\n"))
                .hasMessageContaining("x.md:2: code block is never closed");
        assertThatThrownBy(() -> LabReadme.parse("x.md", "```bash lab-step\nls\n```\n```text expected\na\n```\n```text expected\nb\n```\n"))
                .hasMessageContaining("second 'text expected' block");
    }

    @Test
    void expectedLinesMatchInOrderWithWildcardsLooseBlanksAndPorts() {
        Map<Integer, Integer> ports = Map.of(9092, 23456, 2181, 31000);
        String out = "progress 1\nstarted kafka-1 (process 4242), log: /tmp/x/log/kafka-1.log\n"
                + "\u001B[1mkafka-1 is ready on 127.0.0.1:23456\u001B[0m\n"
                + "Topic: t\tPartitionCount: 2\tReplicationFactor: 1\n";
        assertThat(ExpectedOutput.mismatch("""
                started kafka-1 (process ...), log: .../log/kafka-1.log
                ...
                kafka-1 is ready on 127.0.0.1:9092
                Topic: t PartitionCount: 2   ReplicationFactor: 1
                """, out, ports)).isEmpty();
        // order matters
        assertThat(ExpectedOutput.mismatch("kafka-1 is ready on 127.0.0.1:9092\nstarted kafka-1 ...\n", out, ports))
                .hasValueSatisfying(m -> assertThat(m).contains("line 2").contains("after the lines matched before it"));
        // a whole line, not a part of one
        assertThat(ExpectedOutput.mismatch("kafka-1 is ready", out, ports)).isPresent();
        // the default port is not accepted in place of the walk's
        assertThat(ExpectedOutput.mismatch("ready on 127.0.0.1:9092", "ready on 127.0.0.1:9092", ports)).isPresent();
        // numbers that merely contain a port are left alone
        assertThat(ExpectedOutput.withPorts("n=21810 at 2181 and 9092.5", ports)).isEqualTo("n=21810 at 31000 and 23456.5");
        assertThat(ExpectedOutput.mismatch("n=60 min=18.57", "n=60 min=18.58", ports)).isPresent();
    }

    @Test
    void everyLabReadmeParsesAndEndsWithItsCheck() throws IOException {
        List<Path> readmes = LabsWalkthroughIT.labReadmes();
        assertThat(readmes).hasSizeGreaterThanOrEqualTo(12);
        for (Path p : readmes) {
            LabReadme lab = LabReadme.read(p);
            if (LabsWalkthroughIT.NOT_WALKED.containsKey(lab.number())) continue;
            assertThat(lab.steps()).as(p.toString()).isNotEmpty();
            assertThat(lab.steps().stream().anyMatch(s -> s.command().contains("bin/lab-check " + lab.number())))
                    .as(p + " runs bin/lab-check " + lab.number()).isTrue();
            for (LabReadme.Step s : lab.steps()) {
                // Rules of labs/README.md: the defaults come from the environment, state lives under $STREAMLAB_VAR.
                assertThat(s.command()).as(s.where(p)).doesNotContain("127.0.0.1:9092").doesNotContain("localhost:")
                        .doesNotContainPattern("(^|[\\s\"'])var/");
            }
        }
    }
}
