package streamlab.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A static check of what a student runs (bin/ scripts, labs/env.sh, the Makefile, the {@code bash} blocks of
 * the labs) against what a Mac has: bash 3.2, BSD tools, GNU make 3.81. No macOS machine runs the suite, and
 * no bash 3.2 can be built where it runs, so the constructs that machine lacks are named here and refused.
 * <p>
 * Bash 4 and later: {@code mapfile}/{@code readarray}, associative arrays ({@code declare -A}), namerefs
 * ({@code declare -n}), {@code declare -g}, case changes ({@code ${x,,} ${x^^}}), {@code EPOCHREALTIME},
 * {@code EPOCHSECONDS}, {@code BASHPID}, {@code coproc}, {@code |&}, {@code &>>}, {@code ;&} and {@code ;;&},
 * {@code {fd}} redirections, {@code wait -n}, {@code [[ -v }, bash-4 {@code shopt} options, negative array
 * indexes and substring lengths, {@code ${x@Q}} transformations, {@code printf '%(...)T'}, {@code case} inside {@code $( )} (bash 3.2 takes a
 * pattern's {@code )} for the end of the substitution); and, in a script
 * with {@code set -u}, an array that may be empty (assigned {@code ()} somewhere) expanded as
 * {@code "${a[@]}"}: bash before 4.4 stops with "unbound variable"; write {@code ${a[@]+"${a[@]}"}}.
 * <p>
 * GNU-only tools and options (a missing command or /proc is fine in {@code $(cmd 2>/dev/null || echo '?')}): {@code tac}, {@code setsid}, {@code timeout} (unless the file checks
 * {@code command -v timeout} and has a fallback), {@code nproc}, {@code realpath}, {@code md5sum},
 * {@code sha1sum}, {@code sha256sum}, {@code free}, {@code ss}; {@code stat -c/--format}, {@code date -d/--date/-I}
 * and {@code %N}, {@code touch -d}, {@code readlink -f/-e/-m}, {@code grep -P}, {@code sed -i/-r}, {@code xargs -r},
 * {@code find -printf}, {@code sort -V}, {@code head -n -N}, {@code ln -r}, {@code sleep 2s}; gawk functions
 * ({@code gensub strftime systime asort PROCINFO}); {@code wc} output compared as a string (BSD's wc pads
 * it with blanks); /proc without a test that it exists.
 * <p>
 * GNU make after 3.81: grouped targets {@code &:}, {@code .ONESHELL}, {@code .RECIPEPREFIX}, {@code $(file)},
 * {@code undefine}, {@code !=} and {@code ::=} assignments, {@code $(let)}, {@code $(intcmp)}, {@code private}.
 */
final class PortabilityCheck {
    /** One thing a Mac lacks, at FILE:LINE. */
    record Finding(String file, int line, String rule, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + rule + ": " + text.strip();
        }
    }

    private record Rule(String name, Pattern pattern, boolean onCode) {}

    /** Where a command name stands: start of a command, after an operator, a keyword or a prefix command. */
    private static final String CMD = "(?:^|[;&|(){}!]|\\$\\(|\\b(?:then|do|else|elif|if|while|until|exec|nohup|time)\\s"
            + "|\\benv(?:\\s+[A-Za-z_][A-Za-z0-9_]*=\\S*)*\\s|\\bxargs(?:\\s+-\\S+)*\\s)\\s*(?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*";
    /** The arguments of one command, lazily, up to the option looked for. */
    private static final String ARGS = "\\s+(?:[^;|&)\\s]+\\s+)*?";
    private static final String END = "(?=[\\s;|&)'\"]|$)";

    private static Rule tool(String name, String tool, String options) {
        return new Rule(name, Pattern.compile(CMD + tool + ARGS + "(?:" + options + ")" + END), false);
    }

    /** A command macOS lacks; {@code $(cmd 2>/dev/null || echo '?')} is its fallback, and passes. */
    private static Rule command(String name, String tool) {
        return new Rule(name, Pattern.compile(CMD + tool + END + "(?![^)]*2>/dev/null\\s*\\|\\|)"), false);
    }

    private static Rule syntax(String name, String regex) {
        return new Rule(name, Pattern.compile(regex), false);
    }

    static final List<Rule> BASH4 = List.of(
            new Rule("mapfile/readarray (bash 4)", Pattern.compile(CMD + "(?:mapfile|readarray)" + END), false),
            syntax("associative array (bash 4)", "\\b(?:declare|local|typeset|readonly)\\s+(?:-[A-Za-z]+\\s+)*-[A-Za-z]*A"),
            syntax("nameref (bash 4.3)", "\\b(?:declare|local|typeset)\\s+(?:-[A-Za-z]+\\s+)*-[A-Za-z]*n(?=\\s)"),
            syntax("declare -g (bash 4.2)", "\\b(?:declare|typeset)\\s+(?:-[A-Za-z]+\\s+)*-[A-Za-z]*g(?=\\s)"),
            syntax("case change ${x,,} ${x^^} (bash 4)", "\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:\\[[^]]*\\])?(?:\\^|,)"),
            syntax("EPOCHREALTIME/EPOCHSECONDS (bash 5) or BASHPID (bash 4)", "\\$\\{?(?:EPOCHREALTIME|EPOCHSECONDS|BASHPID)\\b"),
            new Rule("coproc (bash 4)", Pattern.compile(CMD + "coproc" + END), false),
            syntax("|& (bash 4)", "\\|&"),
            syntax("&>> (bash 4)", "&>>"),
            syntax("case fall-through ;& or ;;& (bash 4)", ";;&|(?<![;\\\\]);&"),
            syntax("{fd} redirection (bash 4.1)", "\\{[A-Za-z_][A-Za-z0-9_]*\\}[<>]"),
            syntax("wait -n (bash 4.3)", "\\bwait\\s+-n\\b"),
            syntax("-v test (bash 4.2)", "(?:\\[\\[|\\[|\\btest)\\s+-v\\s"),
            syntax("shopt option of bash 4 or later", "\\bshopt\\s+-s\\s+(?:\\w+\\s+)*(?:globstar|lastpipe|inherit_errexit|direxpand"
                    + "|globasciiranges|localvar_inherit|localvar_unset|assoc_expand_once|checkjobs|autocd|dirspell)\\b"),
            syntax("negative array index (bash 4.3)", "\\$\\{[A-Za-z_][A-Za-z0-9_]*\\[-[0-9]+\\]\\}"),
            syntax("negative substring length (bash 4.2)", "\\$\\{[A-Za-z_][A-Za-z0-9_]*:[^}:]*:\\s*-[0-9]"),
            syntax("${x@Q} transformation (bash 4.4)", "\\$\\{[A-Za-z_][A-Za-z0-9_]*(?:\\[[^]]*\\])?@[QEPAaKkUuL]\\}"),
            new Rule("printf %(...)T (bash 4.2)", Pattern.compile("\\bprintf\\b[^;|]*%\\([^)]*\\)T"), true));

    static final List<Rule> GNU = List.of(
            command("tac (GNU only; awk can reverse lines)", "tac"),
            command("setsid (not on macOS)", "setsid"),
            command("nproc (GNU only)", "nproc"),
            command("realpath (not on macOS before 13)", "realpath"),
            command("md5sum/sha*sum (GNU only; macOS has md5 and shasum)", "(?:md5sum|sha1sum|sha256sum|sha512sum)"),
            command("free (Linux only)", "free"),
            command("ss (Linux only)", "ss"),
            tool("stat -c/--format (GNU; BSD stat has -f)", "stat", "-[A-Za-z]*c[A-Za-z]*|--format\\S*|--printf\\S*"),
            tool("date -d/--date/-I (GNU only)", "date", "-d\\S*|--date\\S*|-I\\S*|--iso\\S*"),
            tool("date %N (GNU only)", "date", "\\+\\S*%N\\S*|['\"]\\+[^'\"]*%N[^'\"]*['\"]"),
            tool("touch -d (GNU only)", "touch", "-d\\S*|--date\\S*"),
            tool("readlink -f/-e/-m (GNU only)", "readlink", "-[A-Za-z]*[fem][A-Za-z]*|--canonicalize\\S*"),
            tool("grep -P (GNU only)", "grep", "-[A-Za-z]*P[A-Za-z]*|--perl-regexp"),
            tool("sed -i/-r (GNU; BSD sed -i needs a suffix, use -E)", "sed", "-i\\S*|--in-place\\S*|-[A-Za-z]*r[A-Za-z]*|--regexp-extended"),
            tool("xargs -r (GNU only)", "xargs", "-[A-Za-z]*r[A-Za-z]*|--no-run-if-empty"),
            tool("find -printf (GNU only)", "find", "-printf|-fprintf|-regextype"),
            tool("sort -V (GNU only)", "sort", "-[A-Za-z]*V[A-Za-z]*|--version-sort"),
            tool("head -n -N (GNU only)", "head", "-n\\s*-[0-9]+|-c\\s*-[0-9]+"),
            tool("ln -r (GNU only)", "ln", "-[A-Za-z]*r[A-Za-z]*|--relative"),
            new Rule("sleep with a unit (BSD sleep takes seconds)", Pattern.compile(CMD + "sleep\\s+[0-9.]+[smhd]" + END), false),
            syntax("wc output compared as a string (BSD wc pads it)",
                    "\\bwc\\s+-[lcwm]\\s*\\)\"?\\s*(?:=|==|!=)\\s|\\s(?:=|==|!=)\\s*\"?\\$\\(.*\\bwc\\s+-[lcwm]\\s*\\)"));

    private static final Rule GAWK = new Rule("gawk-only function (BSD awk lacks it)",
            Pattern.compile("\\b(?:gensub|strftime|systime|asorti?|patsplit|PROCINFO)\\b"), true);
    private static final Pattern CASE = Pattern.compile("(?:^|[;&|(]|\\s)case\\s");
    private static final Pattern CASE_IN_SUBST = Pattern.compile("\\$\\((?:[^)]*[;&|(\\s])?case\\s");
    private static final Rule TIMEOUT = command("timeout (not on macOS; check command -v timeout and fall back)", "timeout");
    private static final Rule PROC = syntax("/proc (Linux only; test that it exists and fall back)", "/proc/(?![^)]*2>/dev/null\\s*\\|\\|)");

    static final List<Rule> MAKE = List.of(
            syntax("grouped target &: (GNU make 4.3; macOS has 3.81)", "^[^\\t#=]*&::?(?:\\s|$)"),
            syntax(".ONESHELL/.RECIPEPREFIX (GNU make 3.82)", "^\\.(?:ONESHELL|RECIPEPREFIX)\\b"),
            syntax("$(file ...) (GNU make 4.0)", "\\$\\(file\\s"),
            syntax("$(let)/$(intcmp) (GNU make 4.4)", "\\$\\((?:let|intcmp)\\s"),
            syntax("undefine/private (GNU make 3.82)", "^\\s*(?:undefine|private)\\s"),
            syntax("!= or ::= assignment (GNU make 4.0)", "^\\s*[A-Za-z_][A-Za-z0-9_.-]*\\s*(?:!=|::=)"));

    private PortabilityCheck() {}

    /** A bash script (or a file sourced by bash). */
    static List<Finding> script(String file, String text) {
        List<Line> lines = codeLines(text);
        List<Finding> out = new ArrayList<>(shellFindings(file, lines, text));
        if (Pattern.compile("(?m)^\\s*set\\s+(?:-[A-Za-z]*u|-o\\s+nounset)").matcher(text).find()) {
            out.addAll(emptyArrays(file, lines));
        }
        return out;
    }

    /** The Makefile: make's own syntax, and each recipe line as bash. */
    static List<Finding> makefile(String file, String text) {
        List<Finding> out = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        StringBuilder recipe = new StringBuilder();
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i];
            if (l.startsWith("\t")) {
                // make hands the line to the shell with $$ as $; a backslash-newline continues it.
                String sh = l.substring(1).replace("$$", "$");
                recipe.setLength(0);
                recipe.append(sh);
                List<Line> one = codeLines(recipe.toString().replaceFirst("^[@+-]+", ""));
                for (Line c : one) {
                    out.addAll(shellFindings(file, List.of(new Line(i + 1, c.code(), c.bare())), text));
                }
            } else {
                String code = l.replaceFirst("(?<!\\\\)#.*$", "");
                for (Rule r : MAKE) {
                    if (r.pattern().matcher(code).find()) out.add(new Finding(file, i + 1, r.name(), l));
                }
            }
        }
        return out;
    }

    /** Every fenced block of a lab README whose info string starts with bash. */
    static List<Finding> labReadme(String file, String markdown) {
        List<Finding> out = new ArrayList<>();
        String[] raw = markdown.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String info = raw[i].strip();
            if (!info.startsWith("```bash")) continue;
            int start = i + 1;
            StringBuilder body = new StringBuilder();
            int j = start;
            for (; j < raw.length && !raw[j].strip().equals("```"); j++) body.append(raw[j].strip()).append('\n');
            for (Finding f : script(file, body.toString())) {
                out.add(new Finding(file, start + f.line(), f.rule(), f.text()));
            }
            i = j;
        }
        return out;
    }

    /** A logical line: its number, the code without comments, and the code with single-quoted text blanked. */
    record Line(int number, String code, String bare, boolean inSubstitution) {
        Line(int number, String code, String bare) {
            this(number, code, bare, false);
        }
    }

    private static List<Finding> shellFindings(String file, List<Line> lines, String whole) {
        boolean timeoutFallback = whole.contains("command -v timeout");
        boolean procTested = Pattern.compile("-[rdef]\\s+\"?/proc").matcher(whole).find();
        List<Finding> out = new ArrayList<>();
        for (Line l : lines) {
            for (List<Rule> rules : List.of(BASH4, GNU)) {
                for (Rule r : rules) {
                    if (r.pattern().matcher(r.onCode() ? l.code() : l.bare()).find()) {
                        out.add(new Finding(file, l.number(), r.name(), l.code()));
                    }
                }
            }
            if (l.code().contains("awk") && GAWK.pattern().matcher(l.code()).find()) {
                out.add(new Finding(file, l.number(), GAWK.name(), l.code()));
            }
            if ((l.inSubstitution() && CASE.matcher(l.bare()).find()) || CASE_IN_SUBST.matcher(l.bare()).find()) {
                out.add(new Finding(file, l.number(), "case inside $( ) (bash 3.2 misreads the pattern's ')' as the end)", l.code()));
            }
            if (!timeoutFallback && TIMEOUT.pattern().matcher(l.bare()).find()) {
                out.add(new Finding(file, l.number(), TIMEOUT.name(), l.code()));
            }
            if (!procTested && PROC.pattern().matcher(l.code()).find()) {
                out.add(new Finding(file, l.number(), PROC.name(), l.code()));
            }
        }
        return out;
    }

    /** Arrays assigned () somewhere and expanded without the ${a[@]+...} guard. */
    private static List<Finding> emptyArrays(String file, List<Line> lines) {
        Set<String> maybeEmpty = new LinkedHashSet<>();
        Pattern assign = Pattern.compile("(?:^|[\\s;(])([A-Za-z_][A-Za-z0-9_]*)=\\(\\s*\\)");
        for (Line l : lines) {
            Matcher m = assign.matcher(l.bare());
            while (m.find()) maybeEmpty.add(m.group(1));
        }
        List<Finding> out = new ArrayList<>();
        for (Line l : lines) {
            for (String a : maybeEmpty) {
                String q = Pattern.quote(a);
                String rest = l.bare().replaceAll("\\$\\{" + q + "\\[[@*]\\]:?\\+\"?\\$\\{" + q + "\\[[@*]\\]\\}\"?\\}", "");
                if (Pattern.compile("\\$\\{" + q + "\\[[@*]\\]\\}").matcher(rest).find()) {
                    out.add(new Finding(file, l.number(), "array " + a + " may be empty: under set -u, bash before 4.4 stops with"
                            + " 'unbound variable'; write ${" + a + "[@]+\"${" + a + "[@]}\"}", l.code()));
                }
            }
        }
        return out;
    }

    /**
     * The script's lines with comments removed, heredoc bodies left out (text, not code), and in {@code bare}
     * single-quoted text blanked (awk and sed programs, messages).
     */
    static List<Line> codeLines(String text) {
        List<Line> out = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        Pattern heredoc = Pattern.compile("<<(-?)\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\2");
        // Quoting contexts, innermost last: S single quotes, D double quotes, C a $( ) command, P a ( ) in one.
        StringBuilder ctx = new StringBuilder();
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i];
            StringBuilder code = new StringBuilder();
            StringBuilder bare = new StringBuilder();
            boolean inSubstitution = ctx.indexOf("C") >= 0;
            for (int k = 0; k < l.length(); k++) {
                char c = l.charAt(k);
                char top = ctx.length() == 0 ? ' ' : ctx.charAt(ctx.length() - 1);
                if (top == 'S') {
                    code.append(c);
                    if (c == '\'') {
                        ctx.setLength(ctx.length() - 1);
                        bare.append(c);
                    } else {
                        bare.append(' ');
                    }
                    continue;
                }
                if (c == '\\' && k + 1 < l.length()) {
                    code.append(c).append(l.charAt(k + 1));
                    bare.append(c).append(l.charAt(k + 1));
                    k++;
                    continue;
                }
                if (c == '$' && k + 1 < l.length() && l.charAt(k + 1) == '(') {
                    ctx.append('C');
                    code.append("$(");
                    bare.append("$(");
                    k++;
                    continue;
                }
                if (top == 'D') {
                    if (c == '"') ctx.setLength(ctx.length() - 1);
                    code.append(c);
                    bare.append(c);
                    continue;
                }
                if (c == '#' && (k == 0 || " \t;&|()".indexOf(l.charAt(k - 1)) >= 0)) break;
                if (c == '\'') ctx.append('S');
                if (c == '"') ctx.append('D');
                if ((top == 'C' || top == 'P') && c == '(') ctx.append('P');
                if ((top == 'C' || top == 'P') && c == ')') ctx.setLength(ctx.length() - 1);
                code.append(c);
                bare.append(c);
            }
            out.add(new Line(i + 1, code.toString(), bare.toString(), inSubstitution));
            if (ctx.indexOf("S") >= 0 || ctx.indexOf("D") >= 0) continue;
            Matcher h = heredoc.matcher(bare.toString());
            if (h.find() && !bare.toString().contains("<<<")) {
                boolean dash = !h.group(1).isEmpty();
                String word = h.group(3);
                int j = i + 1;
                while (j < raw.length && !(dash ? raw[j].replaceFirst("^\\t+", "") : raw[j]).equals(word)) j++;
                i = j;
            }
        }
        return out;
    }
}
