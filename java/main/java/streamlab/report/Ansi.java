package streamlab.report;

/** The few ANSI escape sequences the dashboard uses; every terminal since the VT100 knows them. */
final class Ansi {
    static final String RESET = "\033[0m";
    static final String BOLD = "\033[1m";
    static final String DIM = "\033[2m";
    static final String RED = "\033[31m";
    static final String GREEN = "\033[32m";
    static final String YELLOW = "\033[33m";
    static final String BLUE = "\033[34m";
    static final String MAGENTA = "\033[35m";
    static final String CYAN = "\033[36m";
    static final String HOME = "\033[H";
    static final String CLEAR_SCREEN = "\033[2J";
    static final String CLEAR_TO_EOL = "\033[K";
    static final String CLEAR_TO_END = "\033[J";
    static final String HIDE_CURSOR = "\033[?25l";
    static final String SHOW_CURSOR = "\033[?25h";

    private Ansi() {}
}
