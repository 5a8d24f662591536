package streamlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankOfAHundredValuesInAnyOrder() {
        double[] v = IntStream.rangeClosed(1, 100).map(i -> 101 - i).asDoubleStream().toArray();
        Percentiles p = new Percentiles(v);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.at(0.50)).isEqualTo(50.0);
        assertThat(p.at(0.99)).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
        assertThat(v[0]).as("the caller's array stays as it was").isEqualTo(100.0);
    }

    @Test
    void rankRoundsDownToAValueThatWasMeasured() {
        Percentiles p = new Percentiles(new double[] {30, 10, 20, 50, 40, 70, 60, 90, 80, 100});
        assertThat(p.at(0.50)).isEqualTo(50.0);
        // floor(10 * 0.99) = 9: with fewer than 100 values p99 is the second largest, never interpolated
        assertThat(p.at(0.99)).isEqualTo(90.0);
        assertThat(p.at(0.01)).as("rank at least 1").isEqualTo(10.0);
    }

    @Test
    void oneValueIsEveryPercentile() {
        Percentiles p = new Percentiles(new double[] {1234.5});
        assertThat(p.at(0.50)).isEqualTo(1234.5);
        assertThat(p.at(0.99)).isEqualTo(1234.5);
        assertThat(p.median()).isEqualTo(1234.5);
        assertThat(p.max()).isEqualTo(1234.5);
    }

    @Test
    void medianTakesTheLowerMiddleOfAnEvenCount() {
        assertThat(new Percentiles(new double[] {400, 100, 300, 200}).median()).isEqualTo(200.0);
        assertThat(new Percentiles(new double[] {5, 1, 3}).median()).isEqualTo(3.0);
    }

    @Test
    void noValuesNoFigure() {
        Percentiles p = new Percentiles(new double[0]);
        assertThat(p.count()).isZero();
        assertThat(p.at(0.5)).isNaN();
        assertThat(p.median()).isNaN();
        assertThat(p.max()).isNaN();
    }
}
