package io.github.mongeot.core.optim;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Limited-memory BFGS for one problem in R^k, optionally with box constraints l ≤ x ≤ u (Nocedal
 * &amp; Wright, "Numerical Optimization", alg. 7.4 two-loop recursion) with a strong Wolfe or a
 * backtracking line search. With bounds it is a projected
 * L-BFGS: variables held at a bound by the gradient are frozen for the step, the step follows the
 * projected path P(x + t d), and the step length is found by backtracking on the Armijo condition
 * f(P(x + t d)) ≤ f(x) + c ∇f(x)ᵀ(P(x + t d) − x). Converged when ‖P(x − ∇f) − x‖∞ ≤ tolerance.
 * Plain Java arrays: k is small and per-op tensor overhead would dominate.
 */
public final class Lbfgs {
    private static final double ARMIJO = 1e-4;
    /** Curvature constant of the strong Wolfe conditions (Nocedal &amp; Wright, eq. 3.7). */
    private static final double WOLFE = 0.9;
    private static final int MAX_LINE_SEARCH = 60;

    /** How the step length is chosen. */
    public enum LineSearch {
        /** Halve from the full step until the Armijo condition holds (used with bounds). */
        BACKTRACKING,
        /** Bracket and zoom until the strong Wolfe conditions hold (Nocedal &amp; Wright, alg. 3.5–3.6); unbounded only. */
        STRONG_WOLFE
    }

    private final LineSearch lineSearch;
    private final int memory;
    private final int maxIterations;
    private final double tolerance;
    private final double[] lower;
    private final double[] upper;

    private Lbfgs(LineSearch lineSearch, int memory, int maxIterations, double tolerance, double[] lower, double[] upper) {
        this.lineSearch = lineSearch;
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * Memory 10, 500 iterations, tolerance 1e-8 on the projected gradient, no bounds, strong Wolfe
     * line search (backtracking is used whenever bounds are set).
     */
    public static Lbfgs defaults() {
        return new Lbfgs(LineSearch.STRONG_WOLFE, 10, 500, 1e-8, null, null);
    }

    public Lbfgs withMemory(int m) {
        if (m < 1) {
            throw new InvalidInputException("L-BFGS memory must be >= 1, got " + m);
        }
        return new Lbfgs(lineSearch, m, maxIterations, tolerance, lower, upper);
    }

    public Lbfgs withMaxIterations(int n) {
        if (n < 0) {
            throw new InvalidInputException("L-BFGS maxIterations must be >= 0, got " + n);
        }
        return new Lbfgs(lineSearch, memory, n, tolerance, lower, upper);
    }

    public Lbfgs withTolerance(double tol) {
        if (!(tol > 0)) {
            throw new InvalidInputException("L-BFGS tolerance must be > 0, got " + tol);
        }
        return new Lbfgs(lineSearch, memory, maxIterations, tol, lower, upper);
    }

    /** Box constraints (use ±Infinity for a free side); lower ≤ upper component-wise. */
    public Lbfgs withBounds(double[] lower, double[] upper) {
        if (lower.length != upper.length) {
            throw new InvalidInputException("L-BFGS bounds: lower has " + lower.length + " entries, upper " + upper.length);
        }
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] > upper[i]) {
                throw new InvalidInputException("L-BFGS bounds: entry " + i + " has lower " + lower[i] + " > upper " + upper[i]);
            }
        }
        return new Lbfgs(lineSearch, memory, maxIterations, tolerance, lower.clone(), upper.clone());
    }

    public Lbfgs withLineSearch(LineSearch search) {
        return new Lbfgs(java.util.Objects.requireNonNull(search), memory, maxIterations, tolerance, lower, upper);
    }

    /** Minimises f from {@code x0} (projected onto the box first). */
    public LbfgsResult minimise(DifferentiableFunction f, double[] x0) {
        int k = x0.length;
        if (lower != null && lower.length != k) {
            throw new InvalidInputException("L-BFGS: x0 has " + k + " entries but the bounds have " + lower.length);
        }
        double[] x = x0.clone();
        project(x);
        double[] g = new double[k];
        double fx = f.evaluate(x, g);
        int evaluations = 1;
        if (!Double.isFinite(fx)) {
            throw new InvalidInputException("L-BFGS: f(x0) is not finite (" + fx + ")");
        }
        Deque<double[][]> pairs = new ArrayDeque<>(); // {s, y, {1/(yᵀs)}}
        int iteration = 0;
        double pgNorm = projectedGradientNorm(x, g);
        while (pgNorm > tolerance && iteration < maxIterations) {
            boolean[] frozen = frozen(x, g);
            double[] d = direction(g, pairs, frozen);
            double slope = dot(g, d);
            if (!(slope < 0)) {
                pairs.clear(); // lost descent: restart from steepest descent
                d = direction(g, pairs, frozen);
                slope = dot(g, d);
            }
            double t = 1.0;
            if (pairs.isEmpty()) {
                t = Math.min(1.0, 1.0 / Math.max(1e-300, maxAbs(d))); // first step: at most unit length
            }
            double[] xNew = new double[k];
            double[] gNew = new double[k];
            double[] fNewHolder = {Double.NaN};
            int[] evals = {0};
            boolean accepted = lower == null && lineSearch == LineSearch.STRONG_WOLFE
                    ? strongWolfe(f, x, fx, d, slope, t, xNew, gNew, fNewHolder, evals)
                    : backtrack(f, x, fx, g, d, t, xNew, gNew, fNewHolder, evals);
            evaluations += evals[0];
            double fNew = fNewHolder[0];
            if (!accepted) {
                break; // no decrease possible along d: report what we have
            }
            double[] s = new double[k];
            double[] y = new double[k];
            for (int i = 0; i < k; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double ys = dot(y, s);
            if (ys > 1e-12 * Math.sqrt(dot(y, y) * dot(s, s))) { // keep the update positive definite
                pairs.addLast(new double[][] {s, y, {1.0 / ys}});
                if (pairs.size() > memory) {
                    pairs.removeFirst();
                }
            }
            x = xNew;
            g = gNew;
            fx = fNew;
            iteration++;
            pgNorm = projectedGradientNorm(x, g);
        }
        return new LbfgsResult(x, fx, iteration, evaluations, pgNorm, pgNorm <= tolerance);
    }

    /** Armijo backtracking along the projected path; leaves the accepted point in xNew/gNew. */
    private boolean backtrack(DifferentiableFunction f, double[] x, double fx, double[] g, double[] d, double t0,
            double[] xNew, double[] gNew, double[] fNew, int[] evals) {
        double t = t0;
        for (int trial = 0; trial < MAX_LINE_SEARCH; trial++) {
            for (int i = 0; i < x.length; i++) {
                xNew[i] = x[i] + t * d[i];
            }
            project(xNew);
            fNew[0] = f.evaluate(xNew, gNew);
            evals[0]++;
            double decrease = 0;
            for (int i = 0; i < x.length; i++) {
                decrease += g[i] * (xNew[i] - x[i]);
            }
            if (Double.isFinite(fNew[0]) && fNew[0] <= fx + ARMIJO * decrease) {
                return true;
            }
            t *= 0.5;
        }
        return false;
    }

    /**
     * Strong Wolfe line search: grow the step until the minimum along d is bracketed, then zoom by
     * safeguarded quadratic interpolation (Nocedal &amp; Wright, alg. 3.5 and 3.6). The point
     * evaluated last is the accepted one, left in xNew/gNew.
     */
    private static boolean strongWolfe(DifferentiableFunction f, double[] x, double f0, double[] d, double slope0,
            double t0, double[] xNew, double[] gNew, double[] fNew, int[] evals) {
        double tPrev = 0;
        double fPrev = f0;
        double slopePrev = slope0;
        double t = t0;
        for (int i = 0; i < MAX_LINE_SEARCH; i++) {
            double ft = evaluateAt(f, x, d, t, xNew, gNew, evals);
            double slope = dot(gNew, d);
            fNew[0] = ft;
            if (!Double.isFinite(ft) || ft > f0 + ARMIJO * t * slope0 || (i > 0 && ft >= fPrev)) {
                return zoom(f, x, f0, d, slope0, tPrev, fPrev, slopePrev, t, ft, xNew, gNew, fNew, evals);
            }
            if (Math.abs(slope) <= -WOLFE * slope0) {
                return true;
            }
            if (slope >= 0) {
                return zoom(f, x, f0, d, slope0, t, ft, slope, tPrev, fPrev, xNew, gNew, fNew, evals);
            }
            tPrev = t;
            fPrev = ft;
            slopePrev = slope;
            t *= 2;
        }
        return false;
    }

    private static boolean zoom(DifferentiableFunction f, double[] x, double f0, double[] d, double slope0,
            double lo, double fLo, double slopeLo, double hi, double fHi,
            double[] xNew, double[] gNew, double[] fNew, int[] evals) {
        for (int i = 0; i < MAX_LINE_SEARCH; i++) {
            double width = hi - lo;
            // Minimiser of the quadratic through (lo, fLo, slopeLo) and (hi, fHi), kept inside the bracket.
            double denominator = 2 * (fHi - fLo - slopeLo * width);
            double t = Double.isFinite(fHi) && denominator > 0 ? lo - slopeLo * width * width / denominator : lo + width / 2;
            double a = Math.min(lo, hi);
            double b = Math.max(lo, hi);
            t = Math.min(b - 0.1 * (b - a), Math.max(a + 0.1 * (b - a), t));
            double ft = evaluateAt(f, x, d, t, xNew, gNew, evals);
            double slope = dot(gNew, d);
            fNew[0] = ft;
            if (!Double.isFinite(ft) || ft > f0 + ARMIJO * t * slope0 || ft >= fLo) {
                hi = t;
                fHi = ft;
            } else {
                if (Math.abs(slope) <= -WOLFE * slope0) {
                    return true;
                }
                if (slope * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                }
                lo = t;
                fLo = ft;
                slopeLo = slope;
            }
            if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) {
                break;
            }
        }
        // The bracket collapsed: accept the best point found if it decreases f.
        if (fLo < f0 && lo > 0) {
            fNew[0] = evaluateAt(f, x, d, lo, xNew, gNew, evals);
            return true;
        }
        return false;
    }

    private static double evaluateAt(DifferentiableFunction f, double[] x, double[] d, double t, double[] xNew,
            double[] gNew, int[] evals) {
        for (int i = 0; i < x.length; i++) {
            xNew[i] = x[i] + t * d[i];
        }
        evals[0]++;
        return f.evaluate(xNew, gNew);
    }

    /** −H g by the two-loop recursion, with frozen coordinates held at zero. */
    private static double[] direction(double[] g, Deque<double[][]> pairs, boolean[] frozen) {
        int k = g.length;
        double[] q = new double[k];
        for (int i = 0; i < k; i++) {
            q[i] = frozen[i] ? 0 : g[i];
        }
        double[] alpha = new double[pairs.size()];
        int j = pairs.size() - 1;
        for (var it = pairs.descendingIterator(); it.hasNext(); j--) {
            double[][] p = it.next();
            alpha[j] = p[2][0] * dotMasked(p[0], q, frozen);
            for (int i = 0; i < k; i++) {
                if (!frozen[i]) {
                    q[i] -= alpha[j] * p[1][i];
                }
            }
        }
        if (!pairs.isEmpty()) {
            double[][] last = pairs.getLast();
            double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
            for (int i = 0; i < k; i++) {
                q[i] *= gamma;
            }
        }
        j = 0;
        for (double[][] p : pairs) {
            double beta = p[2][0] * dotMasked(p[1], q, frozen);
            for (int i = 0; i < k; i++) {
                if (!frozen[i]) {
                    q[i] += (alpha[j] - beta) * p[0][i];
                }
            }
            j++;
        }
        for (int i = 0; i < k; i++) {
            q[i] = frozen[i] ? 0 : -q[i];
        }
        return q;
    }

    /** At a bound with the gradient pushing outwards: the variable stays put this step. */
    private boolean[] frozen(double[] x, double[] g) {
        boolean[] frozen = new boolean[x.length];
        if (lower != null) {
            for (int i = 0; i < x.length; i++) {
                frozen[i] = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
            }
        }
        return frozen;
    }

    private void project(double[] x) {
        if (lower == null) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
        }
    }

    private double projectedGradientNorm(double[] x, double[] g) {
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
            double step = x[i] - g[i];
            if (lower != null) {
                step = Math.min(upper[i], Math.max(lower[i], step));
            }
            norm = Math.max(norm, Math.abs(step - x[i]));
        }
        return norm;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dotMasked(double[] a, double[] b, boolean[] frozen) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (!frozen[i]) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    private static double maxAbs(double[] a) {
        return Arrays.stream(a).map(Math::abs).max().orElse(0);
    }
}
