package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The catch-up section's table and the verdict on each of its three targets, from figures fixed here. */
class CatchUpResultsTest {
    private static ProcessBench.Row row(String format, long n, String wall, Long rss, String cpu, long windows, Long dead) {
        BigDecimal w = new BigDecimal(wall);
        return new ProcessBench.Row(format, n, w, Fmt.rate(n, w), w, Fmt.rate(n, w), null, null, null, null, rss, null, new BigDecimal(cpu),
                1000, 1000, 1, List.of(w), java.util.Arrays.asList((BigDecimal) null), windows, dead);
    }

    private static CatchUpBench.Run run(CatchUpBench.Kind kind, String label, long n, int sensors, List<ProcessBench.Row> rows) {
        ProcessBench.Result r = new ProcessBench.Result("2026-12-03T10:00:00Z", 2, "1.00 1.00 1.00", "local[2]", "2g", 2, sensors, n,
                List.of("json"), List.of(), rows, null, null, java.util.Map.of(), java.util.Map.of());
        return new CatchUpBench.Run(kind, label, r);
    }

    /** Four backlogs; SENSORS_RSS is the driver's peak in the many-sensors row (with RocksDB 100 MB less). */
    static CatchUpBench.Result result(Long sensorsRss) {
        return new CatchUpBench.Result(List.of(
                run(CatchUpBench.Kind.VALID, "valid", 6_000_000, 1000,
                        List.of(row("json", 6_000_000, "40.0", 1500L, "75.0", 99_000, 0L), row("reference", 6_000_000, "50.0", 1400L, "90.0", 99_000, null))),
                run(CatchUpBench.Kind.VALID, "valid", 20_000_000, 1000,
                        List.of(row("json", 20_000_000, "125.0", 1600L, "240.0", 332_000, 0L),
                                row("reference", 20_000_000, "170.0", 1450L, "320.0", 332_000, null))),
                run(CatchUpBench.Kind.DEAD_LETTERS, "dead letters", 6_000_000, 1000,
                        List.of(row("json", 6_000_000, "60.0", 1200L, "110.0", 0, 6_000_000L), row("reference", 6_000_000, "30.0", 900L, "55.0", 0, null))),
                run(CatchUpBench.Kind.SENSORS, "sensors", 6_000_000, 100_000, List.of(row("json", 6_000_000, "45.0", sensorsRss, "85.0", 0, 0L),
                        row("json+rocksdb", 6_000_000, "55.0", sensorsRss - 100, "95.0", 0, 0L), row("reference", 6_000_000, "52.0", 1800L, "95.0", 0, null)))),
                "2g");
    }

    @Test
    void tableHasEveryBacklogWithTheReferenceNextToIt() {
        String md = CatchUpResults.markdown(result(2000L));
        assertThat(md).contains("""
                | valid            |  6,000,000 |   1,000 |      40.0 |       150,000 |   1500 |  75.0 |  99,000 |            0 |        50.0 |         120,000 |       1400 |      99,000 |                1.25 |
                | valid            | 20,000,000 |   1,000 |     125.0 |       160,000 |   1600 | 240.0 | 332,000 |            0 |       170.0 |         117,647 |       1450 |     332,000 |                1.36 |
                | dead letters     |  6,000,000 |   1,000 |      60.0 |       100,000 |   1200 | 110.0 |       0 |    6,000,000 |        30.0 |         200,000 |        900 |           0 |                0.50 |
                | sensors          |  6,000,000 | 100,000 |      45.0 |       133,333 |   2000 |  85.0 |       0 |            0 |        52.0 |         115,385 |       1800 |           0 |                1.16 |
                | sensors +RocksDB |  6,000,000 | 100,000 |      55.0 |       109,091 |   1900 |  95.0 |       0 |            0 |             |                 |            |             |                     |
                """);
    }

    @Test
    void eachTargetIsJudgedFromTheRows() {
        String md = CatchUpResults.markdown(result(2000L));
        assertThat(md).contains("- peak driver RSS at most 2560 MB in every row: met (the most: 2000 MB)\n");
        // 100,000 dead letters/s against 150,000 valid readings/s of the same size
        assertThat(md).contains("  same size): 0.67, NOT met\n");
        // 160,000/s at 20 M against 150,000/s at 6 M
        assertThat(md).contains("  input): 1.07, met\n");
        assertThat(CatchUpResults.markdown(result(2600L))).contains("in every row: NOT met (the most: 2600 MB)\n");
    }

    @Test
    void jsonCarriesEveryFigureAndTheVerdicts() throws Exception {
        JsonNode j = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(CatchUpResults.json(result(2000L), 600L)));
        assertThat(j.path("setup").path("duration_s").asLong()).isEqualTo(600);
        assertThat(j.path("results")).hasSize(4);
        JsonNode dead = j.path("results").get(2);
        assertThat(dead.path("backlog").asText()).isEqualTo("dead letters");
        assertThat(dead.path("dead_letters").asLong()).isEqualTo(6_000_000);
        assertThat(dead.path("process").path("wall_records_per_s").asLong()).isEqualTo(100_000);
        assertThat(dead.path("reference").path("driver_peak_rss_mb").asLong()).isEqualTo(900);
        assertThat(j.path("results").get(3).path("process_rocksdb").path("driver_peak_rss_mb").asLong()).isEqualTo(1900);
        assertThat(j.path("results").get(3).path("process_rocksdb").path("windows").isNumber()).as("what the RocksDB run wrote, counted apart").isTrue();
        assertThat(j.path("results").get(2).path("dead_letters").asLong()).isEqualTo(6_000_000);
        assertThat(j.path("targets").path("peak_driver_rss_met").asBoolean()).isTrue();
        assertThat(j.path("targets").path("dead_letters_met").asBoolean()).isFalse();
        assertThat(j.path("targets").path("largest_met").asBoolean()).isTrue();
    }
}
