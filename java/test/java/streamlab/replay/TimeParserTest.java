package streamlab.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeParserTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void isoWithZ() {
        TimeParser p = TimeParser.of("iso", ZoneOffset.UTC);
        assertThat(p.parseMillis("2024-03-01T12:00:00Z")).isEqualTo(ms("2024-03-01T12:00:00Z"));
        assertThat(p.parseMillis("2024-03-01T12:00:00.250Z")).isEqualTo(ms("2024-03-01T12:00:00.250Z"));
        assertThat(p.parseMillis("2024-03-01T12:00Z")).isEqualTo(ms("2024-03-01T12:00:00Z"));
    }

    @Test
    void isoWithOffsetIgnoresZone() {
        TimeParser p = TimeParser.of("iso", PARIS);
        long expected = ms("2024-03-01T11:00:00Z");
        assertThat(p.parseMillis("2024-03-01T12:00:00+01:00")).isEqualTo(expected);
        assertThat(p.parseMillis("2024-03-01T12:00:00+0100")).isEqualTo(expected);
        assertThat(p.parseMillis("2024-03-01T12:00:00+01")).isEqualTo(expected);
        assertThat(p.parseMillis("2024-03-01T06:30:00-04:30")).isEqualTo(expected);
        assertThat(p.parseMillis("2024-03-01T12:00:00+01:00[Europe/Paris]")).isEqualTo(expected);
    }

    @Test
    void isoWithSpaceInsteadOfT() {
        TimeParser p = TimeParser.of("iso", ZoneOffset.UTC);
        assertThat(p.parseMillis("2024-03-01 12:00:00")).isEqualTo(ms("2024-03-01T12:00:00Z"));
        assertThat(p.parseMillis("2024-03-01 12:00:00+02:00")).isEqualTo(ms("2024-03-01T10:00:00Z"));
    }

    @Test
    void isoWithoutZoneIsLocalTimeInZone() {
        assertThat(TimeParser.of("iso", ZoneOffset.UTC).parseMillis("2024-01-15T12:00:00")).isEqualTo(ms("2024-01-15T12:00:00Z"));
        TimeParser paris = TimeParser.of("iso", PARIS);
        assertThat(paris.parseMillis("2024-01-15T12:00:00")).isEqualTo(ms("2024-01-15T11:00:00Z"));
        assertThat(paris.parseMillis("2024-07-15T12:00:00")).isEqualTo(ms("2024-07-15T10:00:00Z"));
    }

    @Test
    void dstGapMovesForwardAndOverlapTakesEarlierOffset() {
        TimeParser paris = TimeParser.of("iso", PARIS);
        // 2024-03-31 02:00 -> 03:00 in Paris: 02:30 does not exist and reads as 03:30 CEST.
        assertThat(paris.parseMillis("2024-03-31T01:59:00")).isEqualTo(ms("2024-03-31T00:59:00Z"));
        assertThat(paris.parseMillis("2024-03-31T02:30:00")).isEqualTo(ms("2024-03-31T01:30:00Z"));
        assertThat(paris.parseMillis("2024-03-31T03:00:00")).isEqualTo(ms("2024-03-31T01:00:00Z"));
        // 2024-10-27 03:00 -> 02:00: 02:30 happens twice; the first (CEST, +02:00) is taken.
        assertThat(paris.parseMillis("2024-10-27T02:30:00")).isEqualTo(ms("2024-10-27T00:30:00Z"));
    }

    @Test
    void epochSeconds() {
        TimeParser p = TimeParser.of("epoch-s", PARIS);
        assertThat(p.parseMillis("1700000000")).isEqualTo(1_700_000_000_000L);
        assertThat(p.parseMillis("1700000000.25")).isEqualTo(1_700_000_000_250L);
        assertThat(p.parseMillis("1700000000.123")).isEqualTo(1_700_000_000_123L);
        assertThat(p.parseMillis("1700000000.0005")).isEqualTo(1_700_000_000_001L);
        assertThat(p.parseMillis("1.7e9")).isEqualTo(1_700_000_000_000L);
        assertThat(p.parseMillis("-1")).isEqualTo(-1000L);
    }

    @Test
    void epochMillis() {
        TimeParser p = TimeParser.of("epoch-ms", PARIS);
        assertThat(p.parseMillis("1714521600000")).isEqualTo(1_714_521_600_000L);
        assertThat(p.parseMillis("1714521600000.6")).isEqualTo(1_714_521_600_001L);
    }

    @Test
    void customPatternInZone() {
        TimeParser p = TimeParser.of("dd/MM/yyyy HH:mm", PARIS);
        assertThat(p.parseMillis("31/03/2024 01:00")).isEqualTo(ms("2024-03-31T00:00:00Z"));
        assertThat(p.parseMillis("31/03/2024 03:00")).isEqualTo(ms("2024-03-31T01:00:00Z"));
        assertThat(TimeParser.of("yyyy-MM-dd", PARIS).parseMillis("2024-07-01")).isEqualTo(ms("2024-06-30T22:00:00Z"));
        assertThat(TimeParser.of("yyyy-MM-dd HH:mm:ssXXX", PARIS).parseMillis("2024-07-01 12:00:00+00:00"))
                .isEqualTo(ms("2024-07-01T12:00:00Z"));
    }

    @Test
    void invalidPatternIsRejectedUpFront() {
        assertThatThrownBy(() -> TimeParser.of("yyyy-MM-dd {", ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesSayWhatWasExpected() {
        assertThatThrownBy(() -> TimeParser.of("iso", ZoneOffset.UTC).parseMillis("2024-13-01T00:00:00"))
                .hasMessage("'2024-13-01T00:00:00' is not an ISO-8601 time (see --time-format)");
        assertThatThrownBy(() -> TimeParser.of("epoch-ms", ZoneOffset.UTC).parseMillis("2024-03-01T00:00:00Z"))
                .hasMessage("'2024-03-01T00:00:00Z' is not epoch milliseconds (see --time-format)");
        assertThatThrownBy(() -> TimeParser.of("epoch-s", ZoneOffset.UTC).parseMillis("12:00"))
                .hasMessage("'12:00' is not epoch seconds (see --time-format)");
        assertThatThrownBy(() -> TimeParser.of("yyyy-MM-dd HH:mm", ZoneOffset.UTC).parseMillis("2024-03-01T12:00"))
                .hasMessage("'2024-03-01T12:00' is not a time like 'yyyy-MM-dd HH:mm' (see --time-format)");
        assertThatThrownBy(() -> TimeParser.of("epoch-ms", ZoneOffset.UTC).parseMillis("99999999999999999999"))
                .isInstanceOf(TimeParser.TimeFormatException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "2024-03-01T12:00:00Z            | an ISO-8601 time   | 2024-03-01T12:00:00Z",
            "2024-03-01T13:00:00+01:00       | an ISO-8601 time   | 2024-03-01T12:00:00Z",
            "2024-03-01 12:00:00             | an ISO-8601 time   | 2024-03-01T12:00:00Z",
            "2024-03-01 13:00:00.5+0100      | an ISO-8601 time   | 2024-03-01T12:00:00.500Z",
            "1709294400                      | epoch seconds      | 2024-03-01T12:00:00Z",
            "1709294400.25                   | epoch seconds      | 2024-03-01T12:00:00.250Z",
            "1709294400000                   | epoch milliseconds | 2024-03-01T12:00:00Z",
            "1709294400000.4                 | epoch milliseconds | 2024-03-01T12:00:00Z",
            // the boundary: 10^11 s would be the year 5138, 10^11 ms is 1973
            "99999999999                     | epoch seconds      | 5138-11-16T09:46:39Z",
            "100000000000                    | epoch milliseconds | 1973-03-03T09:46:40Z",
            "-86400                          | epoch seconds      | 1969-12-31T00:00:00Z",
    })
    void autoLetsTheFirstValueDecide(String first, String chosen, String instant) {
        TimeParser p = TimeParser.of("auto", ZoneOffset.UTC);
        assertThat(p.chosen()).isNull();
        assertThat(p.parseMillis(first)).isEqualTo(Instant.parse(instant).toEpochMilli());
        assertThat(p.chosen()).isEqualTo(chosen);
        assertThat(p.sample()).isEqualTo(first);
    }

    @Test
    void autoKeepsItsChoiceForTheRestOfTheFile() {
        TimeParser ms = TimeParser.of("auto", ZoneOffset.UTC);
        ms.parseMillis("1709294400000");
        // a later small number is still milliseconds, not seconds: the file is written one way
        assertThat(ms.parseMillis("1000")).isEqualTo(1000);
        assertThatThrownBy(() -> ms.parseMillis("2024-03-01T12:00:00Z"))
                .isInstanceOf(TimeParser.TimeFormatException.class)
                .hasMessage("'2024-03-01T12:00:00Z' is not epoch milliseconds (see --time-format)");

        TimeParser iso = TimeParser.of("auto", PARIS);
        assertThat(iso.parseMillis("2024-07-01 14:00")).isEqualTo(ms("2024-07-01T12:00:00Z"));
        assertThatThrownBy(() -> iso.parseMillis("1709294400"))
                .hasMessage("'1709294400' is not an ISO-8601 time (see --time-format)");
    }

    @Test
    void autoRefusesAFirstValueItCannotPlaceWithOneLineAskingForAPattern() {
        for (String text : new String[] {"01/03/2024 12:00", "yesterday", "2024-13-01T00:00:00", "12:00", "1.7e9"}) {
            TimeParser p = TimeParser.of("auto", ZoneOffset.UTC);
            assertThatThrownBy(() -> p.parseMillis(text)).as(text)
                    .isInstanceOf(TimeParser.UndetectedFormatException.class)
                    .hasMessage("'" + text + "' is not an ISO-8601 time (2024-03-01T12:00:00Z, with or without offset, 'T' or"
                            + " space), epoch seconds or epoch milliseconds, the forms --time-format auto recognises;"
                            + " give its pattern, e.g. --time-format 'dd/MM/yyyy HH:mm'");
            assertThat(p.chosen()).isNull();
        }
        assertThatThrownBy(() -> TimeParser.of("auto", ZoneOffset.UTC).parseMillis("1709294400000000"))
                .isInstanceOf(TimeParser.UndetectedFormatException.class)
                .hasMessageContaining("too large for epoch seconds or milliseconds (microseconds?)");
    }
}
