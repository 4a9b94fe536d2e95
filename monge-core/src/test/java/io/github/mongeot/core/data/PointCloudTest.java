package io.github.mongeot.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PointCloudTest {
    @Test
    void uniformWeightsByDefault() {
        PointCloud cloud = PointCloud.of(new double[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        assertThat(cloud.weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(cloud.dim()).isEqualTo(2);
    }

    @Test
    void rejectsBadInputNamingIt() {
        assertThatThrownBy(() -> PointCloud.of("source", new double[0][]))
                .isInstanceOf(InvalidInputException.class).hasMessage("source: empty point cloud (need at least one point)");
        assertThatThrownBy(() -> PointCloud.of("a.csv", new double[][] {{1, 2}, {3, Double.NaN}}))
                .hasMessageContaining("a.csv: row 2, column 2 is NaN");
        assertThatThrownBy(() -> PointCloud.of("a.csv", new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("row 2 has 1 columns, expected 2");
        assertThatThrownBy(() -> PointCloud.weighted("t", new double[][] {{1}, {2}}, new double[] {1.5, -0.5}))
                .hasMessageContaining("t weights: weight 2 is negative");
        assertThatThrownBy(() -> PointCloud.weighted("t", new double[][] {{1}, {2}}, new double[] {0.5, 0.6}))
                .hasMessageContaining("sum to 1.1");
        assertThatThrownBy(() -> Validation.checkSameDimension(PointCloud.of("s", new double[][] {{1}}),
                PointCloud.of("t", new double[][] {{1, 2}}))).hasMessageContaining("dimension mismatch");
    }
}
