package io.github.mongeot.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class CostsTest {
    private static final double[][] X = {{0.5, -1.0}, {2.0, 0.25}, {-3.0, 1.5}};
    private static final double[][] Y = {{1.0, 1.0}, {-0.5, 2.0}};

    @Test
    void squaredEuclideanMatricesMatchTheDefinition() {
        double[][] full = SquaredEuclidean.full().matrix(X, Y);
        double[][] half = SquaredEuclidean.half().matrix(X, Y);
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < Y.length; j++) {
                double dx = X[i][0] - Y[j][0];
                double dy = X[i][1] - Y[j][1];
                assertThat(full[i][j]).isCloseTo(dx * dx + dy * dy, within(1e-12));
                assertThat(half[i][j]).isCloseTo(0.5 * (dx * dx + dy * dy), within(1e-12));
            }
        }
    }

    @Test
    void pnormMatrixMatchesTheDefinition() {
        double p = 1.5;
        double[][] c = new PNormCost(p).matrix(X, Y);
        double dx = X[2][0] - Y[1][0];
        double dy = X[2][1] - Y[1][1];
        assertThat(c[2][1]).isCloseTo((Math.pow(Math.abs(dx), p) + Math.pow(Math.abs(dy), p)) / p, within(1e-12));
    }

    @Test
    void gradientsAgreeWithAutodiffAndInvertExactly() {
        for (TranslationInvariantCost cost : new TranslationInvariantCost[] {
                SquaredEuclidean.full(), SquaredEuclidean.half(), new PNormCost(1.5), new PNormCost(3)}) {
            try (PointerScope scope = new PointerScope()) {
                Tensor z = Tensors.fromRows(X, DType.FLOAT64).set_requires_grad(true);
                Tensor auto = Ops.grad(cost.h(z).sum(), z, false);
                Tensor closed = cost.gradH(z);
                assertThat(Tensors.toFlat(auto)).containsExactly(Tensors.toFlat(closed), within(1e-12));
                Tensor back = cost.gradHInverse(closed.detach());
                assertThat(Tensors.toFlat(back)).containsExactly(Tensors.toFlat(z), within(1e-12));
            }
        }
    }

    @Test
    void parsesNamesAndRejectsBadOnes() {
        assertThat(Costs.parse("sqeuclidean").name()).isEqualTo("sqeuclidean");
        assertThat(Costs.parse("half-sqeuclidean").name()).isEqualTo("half-sqeuclidean");
        assertThat(Costs.parse("pnorm:1.5").name()).isEqualTo("pnorm:1.5");
        assertThat(Costs.parse("pnorm:3").name()).isEqualTo("pnorm:3");
        assertThatThrownBy(() -> Costs.parse("pnorm:1")).isInstanceOf(InvalidInputException.class).hasMessageContaining("p > 1");
        assertThatThrownBy(() -> Costs.parse("euclid")).isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown cost");
    }
}
