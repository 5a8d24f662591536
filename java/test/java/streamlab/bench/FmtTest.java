package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void ratesAreWholeUnitsOfTheRoundedFigure() {
        assertThat(Fmt.rate(2_000_000, new BigDecimal("12.34"))).isEqualTo(162_075L);
        assertThat(Fmt.rate(2_000_000, new BigDecimal("20.5"))).isEqualTo(97_561L);
        assertThat(Fmt.rate(10, null)).isNull();
        assertThat(Fmt.rate(10, BigDecimal.ZERO)).isNull();
    }

    @Test
    void ratiosKeepTwoPlaces() {
        assertThat(Fmt.ratio(162_075L, 500_000L)).isEqualTo(new BigDecimal("0.32"));
        assertThat(Fmt.ratio(1, 1)).isEqualTo(new BigDecimal("1.00"));
        assertThat(Fmt.ratio(null, 1)).isNull();
        assertThat(Fmt.ratio(1, 0)).isNull();
    }

    @Test
    void decimalsRoundHalfUp() {
        assertThat(Fmt.dec(14.25, 1)).isEqualTo(new BigDecimal("14.3"));
        assertThat(Fmt.dec(Double.NaN, 1)).isNull();
        assertThat(Fmt.group(1_234_567L)).isEqualTo("1,234,567");
        assertThat(Fmt.group(null)).isEqualTo("-");
    }
}
