package streamlab.common;

import com.beust.jcommander.Parameter;

/** Flags every command accepts. */
public class CommonOptions {
    @Parameter(names = {"-h", "--help"}, help = true, description = "Show this help and exit")
    public boolean help;

    @Parameter(names = "--verbose", description = "Print stack traces and client logs on errors")
    public boolean verbose;
}
