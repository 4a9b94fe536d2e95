package io.github.mongeot.methods.lagrangian;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.engine.Ops;
import io.github.mongeot.core.engine.Tensors;
import java.util.Locale;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * A potential U(x) ≤ 0 of the Lagrangian L(x, v) = ½vᵀA(x)v − U(x): paths pay −U, so low U is an
 * obstacle. The obstacle problems of Pooladian et al. (2024, §5.1, from Koshizuka &amp; Sato's NLSB
 * and Liu et al.'s GSBM) use smooth box indicators B_[a,b](s) = σ((s − a)/τ) − σ((s − b)/τ) whose
 * sharpness τ is annealed from {@link #sharpnessStart()} to {@link #sharpnessEnd()}.
 */
public interface Potential {
    /** Name used on the command line and in model files (box, slit, hill, well, gmm, none). */
    String name();

    /** U at points x (… × d, d = 2 for the named problems); the result has the leading shape. */
    Tensor value(Tensor x, double sharpness);

    default double sharpnessStart() {
        return 1.0;
    }

    default double sharpnessEnd() {
        return 1.0;
    }

    /** U = 0: the Lagrangian is purely kinetic. */
    static Potential none() {
        return new Potential() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public Tensor value(Tensor x, double sharpness) {
                return Ops.sumLast(x).mul(new Scalar(0.0));
            }
        };
    }

    /** Box: U = −M·B_[−.5,.5](x₁)B_[−.5,.5](x₂), M = 0.01, τ 0.1 → 0.01. */
    static Potential box() {
        return new Indicator("box", 0.1, 0.01) {
            @Override
            public Tensor value(Tensor x, double tau) {
                return boxIndicator(coordinate(x, 0), -0.5, 0.5, tau).mul(boxIndicator(coordinate(x, 1), -0.5, 0.5, tau))
                        .mul(new Scalar(-0.01));
            }
        };
    }

    /** Slit: a wall |x₁| &lt; 0.1 with an opening |x₂| &lt; 0.25, U = M·B_[−.1,.1](x₁)(B_[−.25,.25](x₂) − 1), M = 1. */
    static Potential slit() {
        return new Indicator("slit", 0.1, 0.01) {
            @Override
            public Tensor value(Tensor x, double tau) {
                Tensor opening = boxIndicator(coordinate(x, 1), -0.25, 0.25, tau).sub(new Scalar(1.0));
                return boxIndicator(coordinate(x, 0), -0.1, 0.1, tau).mul(opening);
            }
        };
    }

    /** Hill (the reference code's naming): U = −0.05·exp(−‖x‖²). */
    static Potential hill() {
        return new Indicator("hill", 1, 1) {
            @Override
            public Tensor value(Tensor x, double tau) {
                return Ops.sumLast(x.square()).neg().exp().mul(new Scalar(-0.05));
            }
        };
    }

    /** Well (the reference code's naming): U = −0.01·‖x‖². */
    static Potential well() {
        return new Indicator("well", 1, 1) {
            @Override
            public Tensor value(Tensor x, double tau) {
                return Ops.sumLast(x.square()).mul(new Scalar(-0.01));
            }
        };
    }

    /** Three circular barriers of radius 1.5 at (6, 6), (6, −6), (−6, −6): U = −0.1 Σ σ((1.5 − ‖x − c‖)/τ), τ 1 → 0.1. */
    static Potential gmm() {
        double[][] centres = {{6, 6}, {6, -6}, {-6, -6}};
        return new Indicator("gmm", 1.0, 0.1) {
            @Override
            public Tensor value(Tensor x, double tau) {
                Tensor sum = null;
                for (double[] c : centres) {
                    Tensor dx = coordinate(x, 0).sub(new Scalar(c[0]));
                    Tensor dy = coordinate(x, 1).sub(new Scalar(c[1]));
                    Tensor r = dx.square().add(dy.square()).add(new Scalar(1e-12)).sqrt();
                    Tensor s = r.neg().add(new Scalar(1.5)).div(new Scalar(tau)).sigmoid();
                    sum = sum == null ? s : sum.add(s);
                }
                return sum.mul(new Scalar(-0.1));
            }
        };
    }

    /** The named potential (box, slit, hill, well, gmm, none). */
    static Potential named(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "box": return box();
            case "slit": return slit();
            case "hill": return hill();
            case "well": return well();
            case "gmm": return gmm();
            case "none": return none();
            default: throw new InvalidInputException("unknown potential '" + name + "' (expected box, slit, hill, well, gmm or none)");
        }
    }

    /** A named potential with its sharpness schedule. */
    abstract class Indicator implements Potential {
        private final String name;
        private final double start;
        private final double end;

        Indicator(String name, double start, double end) {
            this.name = name;
            this.start = start;
            this.end = end;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double sharpnessStart() {
            return start;
        }

        @Override
        public double sharpnessEnd() {
            return end;
        }

        static Tensor coordinate(Tensor x, long k) {
            return x.select(-1, k);
        }

        /** B_[a,b](s) = σ((s − a)/τ) − σ((s − b)/τ). */
        static Tensor boxIndicator(Tensor s, double a, double b, double tau) {
            Scalar inv = Tensors.scalar(1.0 / tau);
            return s.sub(new Scalar(a)).mul(inv).sigmoid().sub(s.sub(new Scalar(b)).mul(inv).sigmoid());
        }
    }
}
