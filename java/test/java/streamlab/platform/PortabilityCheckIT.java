package streamlab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import streamlab.testkit.Scripts;

/**
 * What a student runs passes {@link PortabilityCheck} (bash 3.2, BSD tools, GNU make 3.81), and the check
 * itself catches what it claims to: each rule on a line that breaks it, and the portable way of writing it
 * passes. A few milliseconds. {@code -Dportability.home=DIR} checks another copy of the kit (e.g. an older one).
 */
class PortabilityCheckIT {
    static Path home = Path.of(System.getProperty("portability.home", Scripts.home().toString()));

    @Test
    void studentFacingScriptsMakefileAndLabBlocksUseNothingAMacLacks() throws IOException {
        List<PortabilityCheck.Finding> found = new ArrayList<>();
        List<Path> scripts;
        try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
            scripts = bin.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        scripts.add(home.resolve("labs/env.sh"));
        assertThat(scripts).as("the scripts checked").hasSizeGreaterThan(20);
        for (Path s : scripts) found.addAll(PortabilityCheck.script(home.relativize(s).toString(), read(s)));
        found.addAll(PortabilityCheck.makefile("Makefile", read(home.resolve("Makefile"))));
        try (Stream<Path> labs = Files.list(home.resolve("labs"))) {
            for (Path d : labs.filter(d -> d.getFileName().toString().matches("\\d\\d-.+")).sorted().collect(Collectors.toList())) {
                Path readme = d.resolve("README.md");
                if (Files.isRegularFile(readme)) found.addAll(PortabilityCheck.labReadme(home.relativize(readme).toString(), read(readme)));
            }
        }
        assertThat(found).as("constructs that bash 3.2, BSD tools or GNU make 3.81 lack (see PortabilityCheck)")
                .isEmpty();
    }

    /** A clone on the Windows side of WSL (core.autocrlf=true) must still get LF scripts: bash fails on 'bash\r'. */
    @Test
    void scriptsAreCheckedOutWithLfEverywhere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(home.resolve(".git")), "not a git checkout: .gitattributes not in force");
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "core.autocrlf=true", "check-attr", "eol", "--"));
        try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
            bin.map(p -> home.relativize(p).toString()).sorted().forEach(cmd::add);
        }
        cmd.addAll(List.of("labs/env.sh", "Makefile", ".ci/run", "labs/01-kafka-topics/README.md"));
        Process p = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines()).hasSize(cmd.size() - 6).allMatch(l -> l.endsWith(": eol: lf"), "eol: lf");
    }

    @Test
    void labsEnvNamesItselfInZshToo() throws IOException {
        String env = read(home.resolve("labs/env.sh"));
        // zsh sets no BASH_SOURCE: sourced from zsh, a path made from it is the current folder's parent.
        if (env.contains("BASH_SOURCE")) assertThat(env).as("labs/env.sh, sourced by zsh on a Mac").contains("ZSH_VERSION");
    }

    @Test
    void theBenchmarksAreCheckedLikeEveryScript() throws IOException {
        // The measuring is Java: the launchers are plain bash 3.2 and run on a Mac like the rest.
        for (String s : new String[] {"bin/bench", "bin/bench-process", "bin/bench-produce"}) {
            assertThat(PortabilityCheck.script(s, read(home.resolve(s)))).as(s).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
        // a line that breaks the rule => the same done portably
        "mapfile -t names < <(daemon_names kafka) => names=\"$(daemon_names kafka)\"",
        "declare -A seen=() => seen=\" \"",
        "local -n ref=$1 => eval \"v=\\$$1\"",
        "echo \"${name,,}\" => echo \"$name\" | tr '[:upper:]' '[:lower:]'",
        "t0=$EPOCHREALTIME => t0=$SECONDS",
        "cmd |& tee log => cmd 2>&1 | tee log",
        "exec {fd}>log => exec 3>log",
        "wait -n => wait \"$pid\"",
        "[[ -v FOO ]] && echo set => [ -n \"${FOO+x}\" ] && echo set",
        "printf '%(%H:%M)T' -1 => date '+%H:%M'",
        "echo ${a[-1]} => echo \"${a[${#a[@]}-1]}\"",
        "x | tac => x | awk '{ n[NR] = $0 } END { for (i = NR; i > 0; i--) print n[i] }'",
        "setsid cmd & => cmd &",
        "size=$(stat -c %s \"$f\") => size=$(ls -ln \"$f\" | awk '{ print $5 }')",
        "d=$(date -d @1700000000) => d=$(date '+%Y')",
        "ns=$(date +%s%N) => s=$(date +%s)",
        "p=$(readlink -f \"$0\") => p=$(readlink \"$0\")",
        "grep -qP '\\d+' f => grep -qE '[0-9]+' f",
        "sed -i 's/a/b/' f => sed 's/a/b/' f >f.tmp && mv f.tmp f",
        "sed -rn 's/(a)/\\1/p' f => sed -En 's/(a)/\\1/p' f",
        "ls | xargs -r rm => ls | xargs rm -f",
        "find . -printf '%p' => find . -print",
        "sort -V f => sort -n f",
        "head -n -1 f => sed '$d' f",
        "sleep 2s => sleep 2",
        "timeout 5 cmd => cmd",
        "n=$(nproc) => n=2",
        "awk '{ print strftime() }' f => awk '{ print $1 }' f",
        "until [ \"$(x | wc -l)\" = 2 ]; do sleep 1; done => until [ \"$(x | wc -l)\" -eq 2 ]; do sleep 1; done",
        "cat /proc/loadavg => uptime",
        "k=$(case \"$x\" in a) echo 1 ;; esac) => case \"$x\" in a) k=1 ;; esac",
        "[ 2 = \"$(x | wc -l)\" ] => n=\"$(x | wc -l | tr -d ' ')\"",
        "[ \"$(x \"$B\" | awk '$1 > 0' | wc -l)\" = 2 ] => [ \"$(x \"$B\" | awk '$1 > 0 { n++ } END { print n + 0 }')\" = 2 ]",
    })
    void eachRuleCatchesItsConstructAndPassesThePortableForm(String bad, String good) {
        assertThat(PortabilityCheck.script("t", bad + "\n")).as("findings for: " + bad).isNotEmpty();
        assertThat(PortabilityCheck.script("t", good + "\n")).as("findings for: " + good).isEmpty();
    }

    @Test
    void anArrayThatMayBeEmptyIsGuardedUnderSetU() {
        String bad = "set -euo pipefail\npids=()\nfor p in \"${pids[@]}\"; do :; done\n";
        String good = "set -euo pipefail\npids=()\nfor p in ${pids[@]+\"${pids[@]}\"}; do :; done\necho \"${#pids[@]}\"\n";
        assertThat(PortabilityCheck.script("t", bad)).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.rule()).contains("array pids may be empty");
        });
        assertThat(PortabilityCheck.script("t", good)).isEmpty();
        assertThat(PortabilityCheck.script("t", bad.replace("set -euo pipefail", "set -eo pipefail")))
                .as("without set -u an empty array expands to nothing in every bash").isEmpty();
    }

    @Test
    void commentsHeredocsAndQuotedTextAreNotCode() {
        String text = String.join("\n",
                "# mapfile would be simpler; tac too",
                "usage() {",
                "  cat <<USAGE",
                "  --timeout D   how long; sort -V is not used",
                "USAGE",
                "}",
                "echo 'setsid and tac are GNU' # and so is stat -c",
                "x=\"$#\"",
                "");
        assertThat(PortabilityCheck.script("t", text)).isEmpty();
        assertThat(PortabilityCheck.script("t", text + "names=$(x | tac)\n")).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(9));
    }

    @Test
    void timeoutIsFineWithAFallbackAndProcWithATest() {
        assertThat(PortabilityCheck.script("t", "if command -v timeout >/dev/null; then timeout 2 x; else x; fi\n")).isEmpty();
        assertThat(PortabilityCheck.script("t", "if [ -r \"/proc/$p/cmdline\" ]; then tr '\\0' ' ' <\"/proc/$p/cmdline\"; else ps -o args= -p \"$p\"; fi\n"))
                .isEmpty();
        assertThat(PortabilityCheck.script("t", "echo \"$(nproc 2>/dev/null || echo '?') cores, $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')\"\n"))
                .isEmpty();
        assertThat(PortabilityCheck.script("t", "v=\"$(printf '%s' \"$v\" | sed -e 's/[|&]/x/g')\"\n")).as("quotes inside $( ) inside quotes").isEmpty();
    }

    @Test
    void makefileGroupedTargetsAndRecipesAreChecked() {
        assertThat(PortabilityCheck.makefile("M", "a b &: c\n\ttouch a b\n")).singleElement()
                .satisfies(f -> assertThat(f.rule()).contains("grouped target"));
        assertThat(PortabilityCheck.makefile("M", "%/a %/b: c\n\ttouch $*/a $*/b\n")).isEmpty();
        assertThat(PortabilityCheck.makefile("M", "x:\n\t@n=$$(nproc); echo $$n\n")).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(2));
        assertThat(PortabilityCheck.makefile("M", "X != date\n")).hasSize(1);
    }

    @Test
    void labBlocksAreCheckedAtTheirReadmeLine() {
        String md = "# Lab\n\n```bash lab-step\nbin/status\nx | tac\n```\n\n```text\ntac\n```\n";
        assertThat(PortabilityCheck.labReadme("README.md", md)).singleElement()
                .satisfies(f -> assertThat(f.line()).isEqualTo(5));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
