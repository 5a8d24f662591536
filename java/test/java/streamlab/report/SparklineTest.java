package streamlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {
    @Test
    void eightEvenStepsUseEveryBarInOrder() {
        assertThat(Sparkline.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0), 8)).isEqualTo("▁▂▃▄▅▆▇█");
    }

    @Test
    void scalesToTheSeriesOwnRangeAndRounds() {
        // (v - 10) / 20 * 7: 0, 1.75 -> 2, 3.5 -> 4 (half up), 7, 0
        assertThat(Sparkline.of(List.of(10.0, 15.0, 20.0, 30.0, 10.0), 10)).isEqualTo("▁▃▅█▁");
    }

    @Test
    void keepsOnlyTheNewestValuesThatFit() {
        assertThat(Sparkline.of(List.of(100.0, 1.0, 2.0, 3.0), 3)).isEqualTo("▁▅█");
    }

    @Test
    void flatSeriesIsMidHeightAndMissingValuesAreBlank() {
        assertThat(Sparkline.of(List.of(21.5, 21.5, 21.5), 5)).isEqualTo("▄▄▄");
        assertThat(Sparkline.of(List.of(1.0, Double.NaN, 2.0), 5)).isEqualTo("▁ █");
        assertThat(Sparkline.of(List.of(), 5)).isEmpty();
        assertThat(Sparkline.of(List.of(1.0, 2.0), 0)).isEmpty();
    }
}
