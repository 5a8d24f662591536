package streamlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static streamlab.report.Fixtures.alert;
import static streamlab.report.Fixtures.window;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import streamlab.codec.Alert;

class FormattersTest {
    private static final Item.Source SRC = new Item.Source("report", 2, 41);

    @Test
    void lineOfAWindow() {
        Item w = new Item.WindowItem(SRC, window("s-01", 1, 21.255));
        assertThat(LineFormatter.format(w, false, 0)).isEqualTo(
                "window s-01 2024-01-01 10:01:00-10:02:00 n=60 min=20.26 avg=21.26 max=22.26 sd=0.50 gaps=0");
        assertThat(LineFormatter.format(w, true, 0)).endsWith("gaps=0 (updated)");
    }

    @Test
    void lineOfAnOpenAndAClosedAlert() {
        Item open = new Item.AlertItem(SRC, alert("s-02", Alert.THRESHOLD_HIGH, 3, null, 34.5));
        assertThat(LineFormatter.format(open, false, 0)).isEqualTo(
                "alert  s-02 threshold-high 2024-01-01 10:03:13-open value=34.50 rule=\"temperature > 30.0\"");
        Item silence = new Item.AlertItem(SRC, alert("s-03", Alert.SILENCE, 3, 5, Double.NaN));
        assertThat(LineFormatter.format(silence, false, 0)).isEqualTo(
                "alert  s-03 silence 2024-01-01 10:03:13-10:05:00 value=- rule=\"silence rule\"");
    }

    @Test
    void lineOfASkippedRecordIsCountedAndLocated() {
        Item bad = new Item.SkippedItem(SRC, "truncated JSON");
        assertThat(LineFormatter.format(bad, false, 3)).isEqualTo("skipped #3 report-2@41: truncated JSON");
    }

    @Test
    void jsonlCarriesTheWireFieldsTypeAndSource() throws Exception {
        String w = JsonlFormatter.format(new Item.WindowItem(SRC, window("s-01", 0, 21.5)));
        assertThat(w).isEqualTo("{\"type\":\"window\",\"sensor\":\"s-01\",\"window_start\":1704103200000,"
                + "\"window_end\":1704103260000,\"count\":60,\"min\":20.5,\"max\":22.5,\"avg\":21.5,\"stddev\":0.5,"
                + "\"first_ts\":1704103200500,\"last_ts\":1704103259500,\"seq_gaps\":0,\"emitted_at\":1704103262000,"
                + "\"topic\":\"report\",\"partition\":2,\"offset\":41}");
        JsonNode a = new ObjectMapper().readTree(JsonlFormatter.format(
                new Item.AlertItem(SRC, alert("s-03", Alert.SILENCE, 3, null, Double.NaN))));
        assertThat(a.get("type").asText()).isEqualTo("alert");
        assertThat(a.get("kind").asText()).isEqualTo("silence");
        assertThat(a.get("end").isNull()).isTrue();
        assertThat(a.get("value").isNull()).isTrue();
        assertThat(a.get("start").asLong()).isEqualTo(Fixtures.T0 + 3 * Fixtures.MINUTE + 13_000);
        assertThat(JsonlFormatter.format(new Item.SkippedItem(SRC, "x"))).isNull();
    }

    @Test
    void decoderReadsBothKindsInBothFormatsAndSkipsGarbage() {
        RecordDecoder d = new RecordDecoder("alerts");
        var win = window("s-01", 0, 20);
        var al = alert("s-01", Alert.STUCK, 0, null, 20);
        for (var f : streamlab.codec.Format.values()) {
            assertThat(d.decode("report", 0, 1, streamlab.codec.WindowResultCodec.encode(win, f)))
                    .isEqualTo(new Item.WindowItem(new Item.Source("report", 0, 1), win));
            assertThat(d.decode("alerts", 0, 1, streamlab.codec.AlertCodec.encode(al, f)))
                    .isEqualTo(new Item.AlertItem(new Item.Source("alerts", 0, 1), al));
            // a topic of the wrong role still reads: the other kind is tried
            assertThat(d.decode("alerts", 0, 2, streamlab.codec.WindowResultCodec.encode(win, f)))
                    .isInstanceOf(Item.WindowItem.class);
        }
        Item bad = d.decode("report", 3, 9, "{\"sensor\":".getBytes());
        assertThat(bad).isEqualTo(new Item.SkippedItem(new Item.Source("report", 3, 9), "truncated JSON"));
        assertThat(d.decode("report", 0, 0, null)).isInstanceOf(Item.SkippedItem.class);
        assertThat(d.decode("report", 0, 0, new byte[0])).isInstanceOf(Item.SkippedItem.class);
    }

    @Test
    void terminalSizeFromSttyOrEnvironment() {
        assertThat(TerminalSize.parseStty("40 132\n")).isEqualTo(new TerminalSize(132, 40));
        assertThat(TerminalSize.parseStty("garbage")).isNull();
        assertThat(TerminalSize.fromEnv("120", "50")).isEqualTo(new TerminalSize(120, 50));
        assertThat(TerminalSize.fromEnv(null, "x")).isEqualTo(TerminalSize.DEFAULT);
    }

    @Test
    void lagTableSumsTheLag() {
        String t = LagReport.render("g", java.util.List.of(new LagReport.Row("report", 0, 10L, 12),
                new LagReport.Row("report", 1, null, 5)));
        assertThat(t).isEqualTo("""
                group g
                TOPIC   PARTITION   COMMITTED         END       LAG
                report          0          10          12         2
                report          1           -           5         5
                total lag 7
                """);
    }
}
