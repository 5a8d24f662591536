package streamlab.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import streamlab.common.UserException;

/**
 * Where {@code --skip-bad} puts the rows it skipped, so that none is dropped silently: a CSV of
 * {@code line,problem} followed by the row's own fields under the file's own header, ready to be
 * looked at, fixed and replayed. Created at the first bad row (a clean replay leaves no file behind),
 * replacing the file of an earlier run.
 */
public final class BadRowFile implements AutoCloseable {
    private final Path path;
    private final String shownAs;
    private CSVPrinter printer;
    private long written;

    /** @param shownAs the path as messages show it (relative to the working folder when under it) */
    public BadRowFile(Path path, String shownAs) {
        this.path = path;
        this.shownAs = shownAs;
    }

    /** The default: {@code VAR/replay/NAME.bad-rows.csv} for input {@code NAME.csv[.gz]}. */
    public static Path defaultFor(Path var, Path input) {
        String name = input.getFileName().toString().replaceFirst("(?i)(\\.csv)?(\\.gz)?$", "");
        return var.resolve("replay").resolve(name + ".bad-rows.csv");
    }

    /** {@code path} relative to the working folder when it is under it, else as it is. */
    public static String shown(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : path.toString();
    }

    void write(List<String> header, long line, String problem, List<String> fields) {
        try {
            if (printer == null) {
                if (path.getParent() != null) Files.createDirectories(path.getParent());
                Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
                List<String> head = new ArrayList<>(List.of("line", "problem"));
                head.addAll(header);
                printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
                printer.printRecord(head);
            }
            List<Object> row = new ArrayList<>(List.of(line, problem));
            row.addAll(fields);
            printer.printRecord(row);
            written++;
        } catch (IOException e) {
            throw new UserException("cannot write the skipped rows to " + shownAs + ": " + e.getMessage(), e);
        }
    }

    public long written() {
        return written;
    }

    public String shownAs() {
        return shownAs;
    }

    @Override
    public void close() {
        if (printer == null) return;
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + shownAs, e);
        }
    }
}
