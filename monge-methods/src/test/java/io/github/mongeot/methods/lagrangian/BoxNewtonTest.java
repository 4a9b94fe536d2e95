package io.github.mongeot.methods.lagrangian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.mongeot.core.engine.DType;
import io.github.mongeot.core.engine.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** The per-row projected Newton solver on problems with known minimisers. */
class BoxNewtonTest {
    private static final double[] LOWER = {-1, -1};
    private static final double[] UPPER = {1, 1};

    @Test
    @SuppressWarnings("try")
    void boxConstrainedSeparableQuadraticsEndAtTheClampedCentres() {
        // φ_i(z) = ½(z − a_i)ᵀ diag(1, 100)(z − a_i): the box minimiser is clamp(a_i) (separable, so projection is exact)
        double[][] centres = {{0.3, -0.2}, {2.0, 0.5}, {-3.0, -4.0}, {0.9, 1.5}, {-0.5, -1.0}};
        try (PointerScope scope = new PointerScope()) {
            Tensor a = Tensors.fromRows(centres, DType.FLOAT64);
            Tensor weights = Tensors.fromFlat(new double[] {1, 100}, new long[] {1, 2}, DType.FLOAT64);
            BoxNewton.RowObjective phi = (z, rows) -> {
                Tensor ar = rows == null ? a : a.index_select(0, rows);
                return z.sub(ar).square().mul(weights).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                        .mul(Tensors.scalar(0.5));
            };
            Tensor start = Tensors.fromRows(new double[][] {{0, 0}, {-1, -1}, {1, 1}, {0.5, -0.5}, {0, 0.9}}, DType.FLOAT64);
            BoxNewton.Solved solved = new BoxNewton(LOWER, UPPER, 20, 1e-10).solve(phi, start, DType.FLOAT64);
            double[][] z = Tensors.toRows(solved.solution());
            for (int i = 0; i < centres.length; i++) {
                for (int k = 0; k < 2; k++) {
                    assertThat(z[i][k]).as("row %d coordinate %d", i, k).isCloseTo(Math.max(-1, Math.min(1, centres[i][k])), within(1e-9));
                }
            }
            assertThat(solved.report().maxProjectedGradient()).isLessThanOrEqualTo(1e-10);
        }
    }

    @Test
    @SuppressWarnings("try")
    void nonConvexRowsReachLocalMinimaNotSaddles() {
        // φ_i(z) = (z₁² − ¼)² + c_i z₁ + (z₂ − b_i)²; from z₁ = 0 (where the Hessian is negative) the modified
        // Newton step must descend to a minimum: 4z₁³ − z₁ + c_i = 0 with 12z₁² − 1 > 0, and z₂ = b_i
        double[] c = {0.05, -0.05, 0.1, -0.02};
        double[] b = {0.2, -0.7, 0.0, 0.5};
        try (PointerScope scope = new PointerScope()) {
            Tensor ct = Tensors.fromVector(c, DType.FLOAT64);
            Tensor bt = Tensors.fromVector(b, DType.FLOAT64);
            BoxNewton.RowObjective phi = (z, rows) -> {
                Tensor cr = rows == null ? ct : ct.index_select(0, rows);
                Tensor br = rows == null ? bt : bt.index_select(0, rows);
                Tensor z1 = z.select(1, 0);
                Tensor z2 = z.select(1, 1);
                return z1.square().sub(Tensors.scalar(0.25)).square().add(cr.mul(z1)).add(z2.sub(br).square());
            };
            Tensor start = Tensors.fromRows(new double[][] {{0, 0}, {0, 0}, {0, 0}, {0, 0}}, DType.FLOAT64);
            double[][] z = Tensors.toRows(new BoxNewton(LOWER, UPPER, 50, 1e-12).minimise(phi, start, DType.FLOAT64));
            for (int i = 0; i < c.length; i++) {
                double z1 = z[i][0];
                assertThat(4 * z1 * z1 * z1 - z1 + c[i]).as("row %d stationarity", i).isCloseTo(0, within(1e-10));
                assertThat(12 * z1 * z1 - 1).as("row %d curvature", i).isPositive();
                // the descent from 0 goes downhill along −c: the well on the side opposite to the sign of c
                assertThat(Math.signum(z1)).isEqualTo(-Math.signum(c[i]));
                assertThat(z[i][1]).isCloseTo(b[i], within(1e-10));
            }
        }
    }
}
