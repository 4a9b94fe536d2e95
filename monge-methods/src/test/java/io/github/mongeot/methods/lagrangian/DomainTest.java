package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.atIndex;

import io.github.mongeot.core.data.InvalidInputException;
import org.junit.jupiter.api.Test;

class DomainTest {
    @Test
    void gridNodesIncludeBothBoundsFirstCoordinateSlowest() {
        double[][] nodes = new Domain(new double[] {0, -1}, new double[] {2, 1}).gridNodes(3);
        assertThat(nodes).isDeepEqualTo(new double[][] {
            {0, -1}, {0, 0}, {0, 1}, {1, -1}, {1, 0}, {1, 1}, {2, -1}, {2, 0}, {2, 1}});
        assertThat(Domain.cube(3, 1).gridNodes(2)).hasNumberOfRows(8).contains(new double[] {-1, 1, -1}, atIndex(2));
        assertThatThrownBy(() -> Domain.cube(2, 1).gridNodes(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("grid side");
    }
}
