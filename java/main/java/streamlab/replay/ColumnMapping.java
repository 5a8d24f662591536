package streamlab.replay;

import java.util.List;
import streamlab.codec.Reading;
import streamlab.common.UserException;

/**
 * Which CSV columns hold the parts of a reading. The defaults are our own format
 * ({@code sensor,ts,seq,temperature}, as {@code produce --record} writes it).
 *
 * @param sensorColumn   column with the sensor id; ignored when {@code sensorConstant} is set
 * @param sensorConstant one sensor id for every row (single-sensor files), or null
 * @param timeColumn     column with the event time
 * @param valueColumn    column with the temperature
 * @param seqColumn      column with the per-sensor sequence number, or null
 * @param seqRequired    false when {@code seqColumn} is only the default: a file without it gets numbers assigned
 */
public record ColumnMapping(String sensorColumn, String sensorConstant, String timeColumn, String valueColumn,
                            String seqColumn, boolean seqRequired) {

    /** Our own recorded format. */
    public static ColumnMapping ours() {
        return new ColumnMapping(Reading.SENSOR, null, Reading.TS, Reading.TEMPERATURE, Reading.SEQ, false);
    }

    /** Column positions in one file's header; -1 for "not in the file". */
    public record Columns(int sensor, int time, int value, int seq, int width, List<String> names) {
        String name(int index) {
            return names.get(index);
        }
    }

    /**
     * Finds the mapped columns in a header (exact name first, then ignoring case). A missing column
     * fails with exit code 2 and the option that maps it, since the fix is on the command line.
     */
    public Columns resolve(List<String> header, String file) {
        int sensor = sensorConstant == null ? require(header, sensorColumn, "--sensor-col (or --sensor ID)", file) : -1;
        int time = require(header, timeColumn, "--time-col", file);
        int value = require(header, valueColumn, "--value-col", file);
        int seq = seqColumn == null ? -1 : find(header, seqColumn);
        if (seq < 0 && seqRequired) throw missing(header, seqColumn, "--seq-col", file);
        return new Columns(sensor, time, value, seq, header.size(), List.copyOf(header));
    }

    private static int require(List<String> header, String column, String option, String file) {
        int i = find(header, column);
        if (i < 0) throw missing(header, column, option, file);
        return i;
    }

    static int find(List<String> header, String column) {
        int i = header.indexOf(column);
        if (i >= 0) return i;
        for (int j = 0; j < header.size(); j++) {
            if (header.get(j).equalsIgnoreCase(column)) return j;
        }
        return -1;
    }

    private static UserException missing(List<String> header, String column, String option, String file) {
        return new UserException(file + ": no column '" + column + "' in the header (columns: "
                + String.join(", ", header) + "); name the right one with " + option, 2, null);
    }
}
