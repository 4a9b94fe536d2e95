package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Locale;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A position-dependent metric A(x) ≻ 0 of the kinetic term ½vᵀA(x)v. The ground-truth metrics of
 * Pooladian et al. (2024, appendix C, after Scarvelis &amp; Solomon 2023) have the form
 * A(x) = I − (1 − δ)w(x)w(x)ᵀ; {@link LearnedMetric} is the learned rotation-parameterised one.
 */
public interface Metric {
    /** Name used on the command line and in model files. */
    String name();

    /** vᵀA(x)v for points x and velocities v of the same shape (… × d); the result has the leading shape. */
    Tensor quadratic(Tensor x, Tensor v);

    /** A(x) at one point (d × d), e.g. for eigenvector fields. */
    double[][] matrix(double[] x);

    /** A = I. */
    static Metric identity() {
        return new Metric() {
            @Override
            public String name() {
                return "identity";
            }

            @Override
            public Tensor quadratic(Tensor x, Tensor v) {
                return Ops.sumLast(v.square());
            }

            @Override
            public double[][] matrix(double[] x) {
                double[][] a = new double[x.length][x.length];
                for (int i = 0; i < x.length; i++) {
                    a[i][i] = 1;
                }
                return a;
            }
        };
    }

    /** Circle: w = (−x₂, x₁)/‖x‖, tangential motion costs δ (eq. 13; w = 0 at the origin). */
    static Metric circle(double delta) {
        return new LowRank("circle", delta) {
            @Override
            Tensor w(Tensor x) {
                Tensor x1 = x.select(-1, 0);
                Tensor x2 = x.select(-1, 1);
                Tensor norm = x1.square().add(x2.square()).add(new Scalar(1e-24)).sqrt();
                return torch.stack(new TensorVector(x2.neg().div(norm), x1.div(norm)), -1);
            }

            @Override
            double[] w(double[] x) {
                double r = Math.hypot(x[0], x[1]);
                return r == 0 ? new double[] {0, 0} : new double[] {-x[1] / r, x[0] / r};
            }
        };
    }

    /** Mass splitting: w = (1, sign x₂)/√2 (w = (1, 0)/√2 on x₂ = 0 as the data's generator). */
    static Metric massSplitting(double delta) {
        double c = 1 / Math.sqrt(2);
        return new LowRank("mass-splitting", delta) {
            @Override
            Tensor w(Tensor x) {
                Tensor s = x.select(-1, 1).sign();
                return torch.stack(new TensorVector(torch.ones_like(s), s), -1).mul(new Scalar(c));
            }

            @Override
            double[] w(double[] x) {
                return new double[] {c, c * Math.signum(x[1])};
            }
        };
    }

    /**
     * X paths: w = αw₁ + βw₂, w₁ = (1, 1)/√2, w₂ = (1, −1)/√2, α = 1.25 tanh(relu(x₁x₂)),
     * β = −1.25 tanh(relu(−x₁x₂)) (not normalised: A is indefinite where |x₁x₂| &gt; 1.0986).
     */
    static Metric xPaths(double delta) {
        double c = 1 / Math.sqrt(2);
        return new LowRank("xpaths", delta) {
            @Override
            Tensor w(Tensor x) {
                Tensor p = x.select(-1, 0).mul(x.select(-1, 1));
                Tensor alpha = p.relu().tanh().mul(new Scalar(1.25 * c));
                Tensor beta = p.neg().relu().tanh().mul(new Scalar(-1.25 * c));
                return torch.stack(new TensorVector(alpha.add(beta), alpha.sub(beta)), -1);
            }

            @Override
            double[] w(double[] x) {
                double p = x[0] * x[1];
                double alpha = 1.25 * Math.tanh(Math.max(p, 0)) * c;
                double beta = -1.25 * Math.tanh(Math.max(-p, 0)) * c;
                return new double[] {alpha + beta, alpha - beta};
            }
        };
    }

    /** The named ground-truth metric (identity, circle, mass-splitting, xpaths) with δ for the low-rank ones. */
    static Metric named(String name, double delta) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "identity": return identity();
            case "circle": return circle(delta);
            case "mass-splitting": return massSplitting(delta);
            case "xpaths": return xPaths(delta);
            default: throw new InvalidInputException("unknown metric '" + name + "' (expected identity, circle, mass-splitting or xpaths)");
        }
    }

    /** A(x) = I − (1 − δ)w(x)w(x)ᵀ in two dimensions. */
    abstract class LowRank implements Metric {
        private final String name;
        private final double delta;

        LowRank(String name, double delta) {
            if (!(delta >= 0 && delta <= 1)) {
                throw new InvalidInputException("metric delta must lie in [0, 1], got " + delta);
            }
            this.name = name;
            this.delta = delta;
        }

        abstract Tensor w(Tensor x);

        abstract double[] w(double[] x);

        public double delta() {
            return delta;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Tensor quadratic(Tensor x, Tensor v) {
            Tensor wv = Ops.sumLast(w(x).mul(v));
            return Ops.sumLast(v.square()).sub(wv.square().mul(Tensors.scalar(1 - delta)));
        }

        @Override
        public double[][] matrix(double[] x) {
            double[] w = w(x);
            double k = 1 - delta;
            return new double[][] {{1 - k * w[0] * w[0], -k * w[0] * w[1]}, {-k * w[1] * w[0], 1 - k * w[1] * w[1]}};
        }
    }
}
