package streamlab.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import streamlab.codec.Reading;

/** Test helpers: the CSVs under test resources, gzip, and draining a source. */
final class ReplayFiles {
    private ReplayFiles() {}

    static Path resource(String name) {
        try {
            return Path.of(ReplayFiles.class.getResource("/replay/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path gzip(Path plain, Path dir) {
        Path gz = dir.resolve(plain.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gz;
    }

    static List<Reading> readAll(CsvReadingSource source) {
        List<Reading> out = new ArrayList<>();
        try (source) {
            Reading r;
            while ((r = source.next()) != null) out.add(r);
        }
        return out;
    }

    static CsvReadingSource ours(String text) {
        return CsvReadingSource.of(new StringReader(text), "data.csv", CsvLayout.ours(), false);
    }

    static CsvLayout layout(ColumnMapping mapping, String timeFormat, String zone, char delimiter) {
        return new CsvLayout(mapping, TimeParser.of(timeFormat, ZoneId.of(zone)), delimiter);
    }
}
