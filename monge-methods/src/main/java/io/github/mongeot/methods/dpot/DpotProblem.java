package io.github.mongeot.methods.dpot;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.PointCloud;
import io.github.mongeot.core.data.Validation;
import java.util.Arrays;
import java.util.List;

/**
 * What DPOT learns from: one (source, target) pair, or a family of pairs indexed by a condition
 * vector η (the seed's conditional maps T(x; η)). Every pair has the same point dimension and
 * every condition the same length (0 for the unconditional problem).
 *
 * @param pairs the (η, source, target) samples, at least one
 */
public record DpotProblem(List<Pair> pairs) {

    /** Samples of μ_η and ν_η at one condition η. */
    public record Pair(double[] condition, PointCloud source, PointCloud target) {
        public Pair {
            if (source == null || target == null) {
                throw new InvalidInputException("dpot: a pair lacks its " + (source == null ? "source" : "target") + " cloud");
            }
            Validation.checkSameDimension(source, target);
            condition = condition == null ? new double[0] : condition.clone();
            for (double v : condition) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("dpot condition " + Arrays.toString(condition) + " has a non-finite entry");
                }
            }
        }

        @Override
        public double[] condition() {
            return condition.clone();
        }
    }

    public DpotProblem {
        if (pairs == null || pairs.isEmpty()) {
            throw new InvalidInputException("dpot: no (source, target) pairs to fit");
        }
        pairs = List.copyOf(pairs);
        Pair first = pairs.get(0);
        for (int k = 1; k < pairs.size(); k++) {
            Pair p = pairs.get(k);
            if (p.source().dim() != first.source().dim()) {
                throw new InvalidInputException("dpot pair " + (k + 1) + ": points have dimension " + p.source().dim()
                        + ", pair 1 has " + first.source().dim());
            }
            if (p.condition.length != first.condition.length) {
                throw new InvalidInputException("dpot pair " + (k + 1) + ": condition has " + p.condition.length
                        + " values, pair 1 has " + first.condition.length);
            }
        }
    }

    /** The unconditional problem source → target. */
    public static DpotProblem of(PointCloud source, PointCloud target) {
        return new DpotProblem(List.of(new Pair(null, source, target)));
    }

    public int dim() {
        return pairs.get(0).source().dim();
    }

    public int conditionDim() {
        return pairs.get(0).condition.length;
    }

    public int size() {
        return pairs.size();
    }
}
