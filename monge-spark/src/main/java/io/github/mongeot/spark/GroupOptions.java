package io.github.mongeot.spark;

import io.github.mongeot.core.cost.Costs;
import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.sinkhorn.SinkhornMode;
import io.github.mongeot.core.sinkhorn.SinkhornOptions;
import java.io.Serializable;
import java.util.List;

/**
 * Settings of {@link GroupedOT#solve}: the group key column(s), where points (and optional weights
 * and point ids) are, the solver and cost, Sinkhorn's settings and whether to return plans.
 * Immutable; {@code with*} return copies. Holds only plain values, so it ships to executors as is.
 */
public final class GroupOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private List<String> keys;
    private PointColumns points;
    private String weightColumn;
    private String idColumn;
    private GroupSolver solver = GroupSolver.EXACT;
    private String cost = "sqeuclidean";
    private Double epsilon;
    private double epsilonRel = 0.05;
    private double threshold = 1e-6;
    private Integer maxIterations;
    private SinkhornMode mode = SinkhornMode.AUTO;
    private boolean plans;
    private double planMinMass = 1e-12;

    private GroupOptions() {
    }

    /** Exact solver, squared Euclidean cost, uniform weights, no plans. */
    public static GroupOptions of(List<String> keyColumns, PointColumns points) {
        if (keyColumns == null || keyColumns.isEmpty()) {
            throw new InvalidInputException("group key: no column given");
        }
        if (points == null) {
            throw new InvalidInputException("group points: no columns given");
        }
        GroupOptions o = new GroupOptions();
        o.keys = List.copyOf(keyColumns);
        o.points = points;
        return o;
    }

    private GroupOptions copy() {
        GroupOptions o = new GroupOptions();
        o.keys = keys;
        o.points = points;
        o.weightColumn = weightColumn;
        o.idColumn = idColumn;
        o.solver = solver;
        o.cost = cost;
        o.epsilon = epsilon;
        o.epsilonRel = epsilonRel;
        o.threshold = threshold;
        o.maxIterations = maxIterations;
        o.mode = mode;
        o.plans = plans;
        o.planMinMass = planMinMass;
        return o;
    }

    /** A column of non-negative point masses, normalised within each group (default: uniform). */
    public GroupOptions withWeights(String column) {
        GroupOptions o = copy();
        o.weightColumn = column;
        return o;
    }

    /**
     * An integer column identifying points: each group's points are ordered by it and plans name
     * points by it. Without it points are ordered by their coordinates and plans give positions in
     * that order.
     */
    public GroupOptions withIds(String column) {
        GroupOptions o = copy();
        o.idColumn = column;
        return o;
    }

    public GroupOptions withSolver(GroupSolver s) {
        GroupOptions o = copy();
        o.solver = s;
        return o;
    }

    /** {@code sqeuclidean}, {@code half-sqeuclidean} or {@code pnorm:P} (checked now). */
    public GroupOptions withCost(String spec) {
        Costs.parse(spec);
        GroupOptions o = copy();
        o.cost = spec;
        return o;
    }

    /** Absolute Sinkhorn ε. */
    public GroupOptions withEpsilon(double e) {
        if (!(e > 0) || !Double.isFinite(e)) {
            throw new InvalidInputException("epsilon must be positive and finite, got " + e);
        }
        GroupOptions o = copy();
        o.epsilon = e;
        return o;
    }

    /** Relative Sinkhorn ε = r · mean(C) per group (the default, r = 0.05). */
    public GroupOptions withEpsilonRel(double r) {
        if (!(r > 0) || !Double.isFinite(r)) {
            throw new InvalidInputException("epsilon-rel must be positive and finite, got " + r);
        }
        GroupOptions o = copy();
        o.epsilon = null;
        o.epsilonRel = r;
        return o;
    }

    /** Sinkhorn's L1 marginal-error tolerance. */
    public GroupOptions withThreshold(double t) {
        GroupOptions o = copy();
        o.threshold = t;
        return o;
    }

    /** Iteration limit (Sinkhorn, default {@link SinkhornOptions#defaults()}'s) or pivot cap (exact, default none). */
    public GroupOptions withMaxIterations(int n) {
        if (n < 1) {
            throw new InvalidInputException("max-iter must be positive, got " + n);
        }
        GroupOptions o = copy();
        o.maxIterations = n;
        return o;
    }

    public GroupOptions withSinkhornMode(SinkhornMode m) {
        GroupOptions o = copy();
        o.mode = m;
        return o;
    }

    /**
     * Also return each group's plan as a list of (source, target, mass) entries; Sinkhorn's dense
     * plan keeps entries of at least {@code minMass}.
     */
    public GroupOptions withPlans(double minMass) {
        GroupOptions o = copy();
        o.plans = true;
        o.planMinMass = minMass;
        return o;
    }

    public List<String> keys() {
        return keys;
    }

    public PointColumns points() {
        return points;
    }

    public String weightColumn() {
        return weightColumn;
    }

    public String idColumn() {
        return idColumn;
    }

    public GroupSolver solver() {
        return solver;
    }

    public String cost() {
        return cost;
    }

    public boolean plans() {
        return plans;
    }

    public double planMinMass() {
        return planMinMass;
    }

    /** The limit set with {@link #withMaxIterations}, or null (exact: no pivot cap; Sinkhorn: the library default). */
    public Integer maxIterations() {
        return maxIterations;
    }

    /** The Sinkhorn options these settings describe (built on the executor). */
    SinkhornOptions sinkhornOptions() {
        SinkhornOptions o = SinkhornOptions.defaults().withThreshold(threshold).withMode(mode);
        if (maxIterations != null) {
            o = o.withMaxIterations(maxIterations);
        }
        return epsilon != null ? o.withEpsilon(epsilon) : o.withEpsilonRel(epsilonRel);
    }
}
