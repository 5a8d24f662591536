package streamlab.replay;

/** How to read one CSV file: which columns, how the time is written, which delimiter. */
public record CsvLayout(ColumnMapping mapping, TimeParser time, char delimiter) {
    /** Our own recorded format, comma-separated, epoch-millisecond times. */
    public static CsvLayout ours() {
        return new CsvLayout(ColumnMapping.ours(), TimeParser.of(TimeParser.EPOCH_MS, java.time.ZoneOffset.UTC), ',');
    }
}
