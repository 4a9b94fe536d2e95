package io.github.mongeot.core.exact;

import io.github.mongeot.core.data.InvalidInputException;
import io.github.mongeot.core.data.Validation;

/**
 * Exact optimal transport by the primal network simplex on the complete bipartite graph sources →
 * targets: min ⟨P, C⟩ subject to P ≥ 0, P1 = a, Pᵀ1 = b.
 *
 * <p>The algorithm is the textbook one (Ahuja, Magnanti &amp; Orlin, <i>Network Flows</i>, ch. 11; the
 * same scheme as LEMON's and POT's {@code ot.emd}): a greedy feasible flow hung from an artificial root gives a
 * first strongly feasible spanning tree (no big-M phase); the entering arc is chosen by block search
 * (blocks of about √(nm) arcs, the most negative reduced cost of the first block that has one); the
 * leaving arc is the last blocking arc of the cycle counted from its apex (Cunningham's rule), which
 * keeps the tree strongly feasible and rules out cycling under degeneracy.
 *
 * <p>Everything lives in flat arrays indexed by node (n + m + 1 of them): parent, orientation and flow of
 * the arc to the parent, potential, depth and child lists. Arc (i, j) is index {@code i * m + j} of the
 * row-major cost, so no per-arc state is stored besides the caller's cost matrix.
 *
 * <p>Instances are immutable settings; {@link #solve} is thread-safe.
 */
public final class NetworkSimplex {
    /** Default pivot cap factor: the cap is max(10⁶, factor · (n + m)) unless set explicitly. */
    private static final long DEFAULT_CAP_PER_NODE = 50_000L;
    private static final int MIN_BLOCK_SIZE = 10;
    /** Relative threshold under which a reduced cost counts as zero (guards against rounding). */
    private static final double EPSILON = 1e-14;

    private final long maxIterations;
    private final double blockSizeFactor;

    private NetworkSimplex(long maxIterations, double blockSizeFactor) {
        this.maxIterations = maxIterations;
        this.blockSizeFactor = blockSizeFactor;
    }

    /** Default settings: generous pivot cap, block size √(nm). */
    public static NetworkSimplex create() {
        return new NetworkSimplex(-1, 1.0);
    }

    /** Stop (status {@link ExactStatus#MAX_ITERATIONS}) after this many pivots. */
    public NetworkSimplex maxIterations(long cap) {
        if (cap <= 0) {
            throw new InvalidInputException("max-iter must be positive, got " + cap);
        }
        return new NetworkSimplex(cap, blockSizeFactor);
    }

    /** Block size = factor · √(nm) arcs (at least 10). 1 is LEMON's default. */
    public NetworkSimplex blockSizeFactor(double factor) {
        Validation.checkPositive("block size factor", factor);
        return new NetworkSimplex(maxIterations, factor);
    }

    /** Solves with default settings; see {@link #solve(double[], double[], double[])}. */
    public static ExactResult transport(double[] a, double[] b, double[] cost) {
        return create().solve(a, b, cost);
    }

    /** Solves with default settings; see {@link #solve(double[], double[], double[][])}. */
    public static ExactResult transport(double[] a, double[] b, double[][] cost) {
        return create().solve(a, b, cost);
    }

    /**
     * Solves the OT problem between weights {@code a} (n, non-negative, sum 1) and {@code b} (m,
     * non-negative, sum 1) for the n × m cost matrix given row-major ({@code cost[i * m + j]}).
     * The array is read, never modified or kept.
     */
    public ExactResult solve(double[] a, double[] b, double[] cost) {
        if (a == null || a.length == 0) {
            throw new InvalidInputException("source weights: empty (need at least one point)");
        }
        if (b == null || b.length == 0) {
            throw new InvalidInputException("target weights: empty (need at least one point)");
        }
        Validation.checkWeights("source weights", a, a.length);
        Validation.checkWeights("target weights", b, b.length);
        long arcs = (long) a.length * b.length;
        if (cost == null || cost.length != arcs) {
            throw new InvalidInputException("cost matrix: has " + (cost == null ? 0 : cost.length)
                    + " entries, expected " + a.length + " x " + b.length + " = " + arcs);
        }
        for (int k = 0; k < cost.length; k++) {
            if (!Double.isFinite(cost[k])) {
                throw new InvalidInputException("cost matrix: entry (" + (k / b.length + 1) + ", "
                        + (k % b.length + 1) + ") is " + cost[k] + " (NaN/Inf not allowed)");
            }
        }
        long cap = maxIterations > 0 ? maxIterations
                : Math.max(1_000_000L, DEFAULT_CAP_PER_NODE * (a.length + b.length));
        return new Run(a, b, cost, cap, blockSizeFactor).solve();
    }

    /** As {@link #solve(double[], double[], double[])} for a cost given as n rows of length m. */
    public ExactResult solve(double[] a, double[] b, double[][] cost) {
        if (cost == null || a == null || cost.length != a.length) {
            throw new InvalidInputException("cost matrix: has " + (cost == null ? 0 : cost.length)
                    + " rows, expected " + (a == null ? 0 : a.length));
        }
        int m = b == null ? 0 : b.length;
        if ((long) cost.length * m > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("cost matrix: " + cost.length + " x " + m
                    + " entries exceed the largest Java array");
        }
        double[] flat = new double[cost.length * m];
        for (int i = 0; i < cost.length; i++) {
            if (cost[i] == null || cost[i].length != m) {
                throw new InvalidInputException("cost matrix: row " + (i + 1) + " has "
                        + (cost[i] == null ? 0 : cost[i].length) + " columns, expected " + m);
            }
            System.arraycopy(cost[i], 0, flat, i * m, m);
        }
        return solve(a, b, flat);
    }

    /** The state of one solve. Nodes: sources 0..n-1, targets n..n+m-1, root n+m. */
    private static final class Run {
        private static final int UP = 1; // arc from node to parent
        private static final int DOWN = -1; // arc from parent to node
        private static final int NONE = -1;

        private final int n;
        private final int m;
        private final int root;
        private final double[] c;
        private final long cap;
        private final int blockSize;

        private final int[] parent;
        private final int[] dir;
        private final double[] flow; // flow on the arc between node and parent
        private final double[] arcTerm; // pi[node] = pi[parent] + arcTerm[node] for the arc to the parent
        private final double[] pi;
        private final int[] depth;
        private final int[] firstChild;
        private final int[] nextSibling;
        private final int[] prevSibling;

        private final double[] a;
        private final double[] b;
        private int nextArc;
        private int enteringSource;
        private int enteringTarget;

        Run(double[] a, double[] b, double[] cost, long cap, double blockSizeFactor) {
            this.a = a;
            this.b = b;
            this.n = a.length;
            this.m = b.length;
            this.root = n + m;
            this.c = cost;
            this.cap = cap;
            long arcs = (long) n * m;
            this.blockSize = (int) Math.min(arcs, Math.max(MIN_BLOCK_SIZE, Math.round(blockSizeFactor * Math.sqrt(arcs))));
            int nodes = n + m + 1;
            parent = new int[nodes];
            dir = new int[nodes];
            flow = new double[nodes];
            arcTerm = new double[nodes];
            pi = new double[nodes];
            depth = new int[nodes];
            firstChild = new int[nodes];
            nextSibling = new int[nodes];
            prevSibling = new int[nodes];
            initialTree();
        }

        /**
         * A feasible start, so that no big-M phase is needed (big-M potentials of size (n + m)·max C
         * would cost precision in every reduced cost). The flow comes from the row-minimum rule (each
         * source sends what it can to its cheapest target) completed by the north-west corner rule on
         * what is left. Each step exhausts a source or a target, which then takes no further arc, so the
         * arcs form a forest with positive flows (at most n + m − 1 arcs). Each tree of the forest hangs
         * from the root by a zero-cost, zero-flow arc pointing to the root: the spanning tree is strongly
         * feasible, and those arcs can never gain flow (any cycle through the root is blocked at zero).
         */
        private void initialTree() {
            double[] left = a.clone();
            double[] demand = balancedDemand();
            int[] arcSource = new int[n + m];
            int[] arcTarget = new int[n + m];
            double[] arcFlow = new double[n + m];
            int arcs = 0;
            for (int i = 0; i < n; i++) {
                if (!(left[i] > 0)) {
                    continue;
                }
                int base = i * m;
                int best = -1;
                double bestCost = Double.POSITIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    if (demand[j] > 0 && c[base + j] < bestCost) {
                        bestCost = c[base + j];
                        best = j;
                    }
                }
                if (best >= 0) {
                    arcs = addFlow(i, best, left, demand, arcSource, arcTarget, arcFlow, arcs);
                }
            }
            for (int i = 0, j = 0;;) {
                while (i < n && !(left[i] > 0)) {
                    i++;
                }
                while (j < m && !(demand[j] > 0)) {
                    j++;
                }
                if (i == n || j == m) {
                    break; // what remains is rounding dust of the totals
                }
                arcs = addFlow(i, j, left, demand, arcSource, arcTarget, arcFlow, arcs);
            }
            hangForest(arcSource, arcTarget, arcFlow, arcs);
        }

        /** b rescaled to a's total, so that the masses balance up to rounding (as POT does). */
        private double[] balancedDemand() {
            double sumA = 0;
            double sumB = 0;
            for (double x : a) {
                sumA += x;
            }
            for (double x : b) {
                sumB += x;
            }
            double scale = sumA / sumB;
            double[] demand = new double[m];
            for (int j = 0; j < m; j++) {
                demand[j] = b[j] * scale;
            }
            return demand;
        }

        /** Ships min(left_i, demand_j) on (i, j); the side that runs out becomes exactly zero. */
        private static int addFlow(int i, int j, double[] left, double[] demand, int[] arcSource, int[] arcTarget,
                double[] arcFlow, int arcs) {
            double t = Math.min(left[i], demand[j]);
            left[i] -= t;
            demand[j] -= t;
            arcSource[arcs] = i;
            arcTarget[arcs] = j;
            arcFlow[arcs] = t;
            return arcs + 1;
        }

        /** Breadth-first over each tree of the forest; its first node hangs from the root. */
        private void hangForest(int[] arcSource, int[] arcTarget, double[] arcFlow, int arcs) {
            int nodes = n + m;
            int[] start = new int[nodes + 1];
            for (int e = 0; e < arcs; e++) {
                start[arcSource[e] + 1]++;
                start[n + arcTarget[e] + 1]++;
            }
            for (int u = 0; u < nodes; u++) {
                start[u + 1] += start[u];
            }
            int[] fill = start.clone();
            int[] incident = new int[2 * arcs];
            for (int e = 0; e < arcs; e++) {
                incident[fill[arcSource[e]]++] = e;
                incident[fill[n + arcTarget[e]]++] = e;
            }
            parent[root] = NONE;
            depth[root] = 0;
            pi[root] = 0;
            firstChild[root] = NONE;
            prevSibling[root] = NONE;
            nextSibling[root] = NONE;
            for (int u = 0; u < nodes; u++) {
                firstChild[u] = NONE;
                parent[u] = NONE;
            }
            int[] queue = new int[nodes];
            for (int top = 0; top < nodes; top++) {
                if (parent[top] != NONE) {
                    continue;
                }
                parent[top] = root;
                dir[top] = UP;
                flow[top] = 0;
                arcTerm[top] = 0;
                pi[top] = 0;
                depth[top] = 1;
                addChild(root, top);
                int head = 0;
                int tail = 0;
                queue[tail++] = top;
                while (head < tail) {
                    int u = queue[head++];
                    for (int k = start[u]; k < start[u + 1]; k++) {
                        int e = incident[k];
                        int v = u < n ? n + arcTarget[e] : arcSource[e];
                        if (v == parent[u]) {
                            continue;
                        }
                        double arcCost = c[arcSource[e] * m + arcTarget[e]];
                        parent[v] = u;
                        flow[v] = arcFlow[e];
                        // Real arcs run source -> target: up from a source child, down to a target child.
                        dir[v] = v < n ? UP : DOWN;
                        arcTerm[v] = v < n ? -arcCost : arcCost;
                        pi[v] = pi[u] + arcTerm[v];
                        depth[v] = depth[u] + 1;
                        addChild(u, v);
                        queue[tail++] = v;
                    }
                }
            }
        }

        ExactResult solve() {
            long iterations = 0;
            ExactStatus status = ExactStatus.OPTIMAL;
            while (findEnteringArc()) {
                if (iterations >= cap) {
                    status = ExactStatus.MAX_ITERATIONS;
                    break;
                }
                pivot();
                iterations++;
            }
            if (status == ExactStatus.OPTIMAL && artificialFlow() > 1e-9) {
                status = ExactStatus.INFEASIBLE;
            }
            return ExactResultBuilder.build(a, b, c, parent, flow, pi, iterations, status);
        }

        private double artificialFlow() {
            double total = 0;
            for (int u = firstChild[root]; u != NONE; u = nextSibling[u]) {
                total += flow[u];
            }
            return total;
        }

        /**
         * Block search: scans arcs cyclically from where the last search stopped, in blocks of
         * {@code blockSize}; returns at the end of the first block holding an arc with negative reduced
         * cost C_ij + π_i − π_j, taking the most negative one seen. False when none is left.
         */
        private boolean findEnteringArc() {
            final double[] cost = c;
            final double[] p = pi;
            final int rows = n;
            final int cols = m;
            final long total = (long) rows * cols;
            int i = nextArc / cols;
            int j = nextArc - i * cols;
            double min = 0;
            int best = -1;
            int budget = blockSize;
            long scanned = 0;
            while (scanned < total) {
                int len = Math.min(cols - j, budget);
                int base = i * cols;
                double pu = p[i];
                int end = j + len;
                for (int jj = j; jj < end; jj++) {
                    double r = cost[base + jj] + pu - p[rows + jj];
                    if (r < min) {
                        min = r;
                        best = base + jj;
                    }
                }
                scanned += len;
                budget -= len;
                j = end;
                if (j == cols) {
                    j = 0;
                    i = i + 1 == rows ? 0 : i + 1;
                }
                if (budget == 0) {
                    if (best >= 0 && isNegative(min, best)) {
                        nextArc = i * cols + j;
                        return select(best);
                    }
                    budget = blockSize;
                }
            }
            if (best >= 0 && isNegative(min, best)) {
                nextArc = i * cols + j;
                return select(best);
            }
            return false;
        }

        private boolean isNegative(double reducedCost, int arc) {
            int i = arc / m;
            int j = arc - i * m;
            double scale = Math.max(Math.abs(c[arc]), Math.max(Math.abs(pi[i]), Math.abs(pi[n + j])));
            return reducedCost < -EPSILON * scale;
        }

        private boolean select(int arc) {
            enteringSource = arc / m;
            enteringTarget = n + (arc - enteringSource * m);
            return true;
        }

        /** One pivot: push flow round the cycle, swap the arcs, re-hang the cut subtree. */
        private void pivot() {
            final int s = enteringSource;
            final int t = enteringTarget;
            int join = join(s, t);
            // Flow goes s -> t on the entering arc, then t up to the apex and down to s.
            // Cunningham: the last blocking arc counted from the apex leaves (strict on the s side,
            // non-strict on the t side which comes later in the cycle).
            double delta = Double.POSITIVE_INFINITY;
            int out = NONE;
            boolean outOnSourceSide = false;
            for (int u = s; u != join; u = parent[u]) {
                if (dir[u] == UP && flow[u] < delta) {
                    delta = flow[u];
                    out = u;
                    outOnSourceSide = true;
                }
            }
            for (int u = t; u != join; u = parent[u]) {
                if (dir[u] == DOWN && flow[u] <= delta) {
                    delta = flow[u];
                    out = u;
                    outOnSourceSide = false;
                }
            }
            if (out == NONE) {
                // Only possible with a negative cycle of uncapacitated arcs, which a bipartite graph lacks.
                throw new IllegalStateException("network simplex: unbounded cycle (internal error)");
            }
            if (delta > 0) {
                for (int u = s; u != join; u = parent[u]) {
                    flow[u] -= dir[u] * delta;
                }
                for (int u = t; u != join; u = parent[u]) {
                    flow[u] += dir[u] * delta;
                }
            }
            // The endpoint of the entering arc inside the cut subtree becomes that subtree's root.
            int uIn = outOnSourceSide ? s : t;
            int vIn = outOnSourceSide ? t : s;
            double arcCost = c[s * m + (t - n)];
            int inDir = outOnSourceSide ? UP : DOWN; // s -> t: from child s to parent t is UP
            double inTerm = outOnSourceSide ? -arcCost : arcCost;
            reverseStem(uIn, vIn, out, inDir, delta, inTerm);
            refreshSubtree(uIn);
        }

        /** The apex of the cycle: lowest common ancestor of u and v. */
        private int join(int u, int v) {
            while (u != v) {
                if (depth[u] >= depth[v]) {
                    u = parent[u];
                } else {
                    v = parent[v];
                }
            }
            return u;
        }

        /**
         * Re-hangs the subtree of {@code out} from {@code vIn} through the entering arc: along the stem
         * uIn → … → out every node becomes the parent of its old parent; the arcs keep their flow and
         * flip orientation. The arc above {@code out} leaves the tree.
         */
        private void reverseStem(int uIn, int vIn, int out, int inDir, double inFlow, double inTerm) {
            int newParent = vIn;
            int w = uIn;
            int carryDir = inDir;
            double carryFlow = inFlow;
            double carryTerm = inTerm;
            while (true) {
                int oldParent = parent[w];
                int oldDir = dir[w];
                double oldFlow = flow[w];
                double oldTerm = arcTerm[w];
                removeChild(oldParent, w);
                parent[w] = newParent;
                dir[w] = carryDir;
                flow[w] = carryFlow;
                arcTerm[w] = carryTerm;
                addChild(newParent, w);
                if (w == out) {
                    return;
                }
                carryDir = -oldDir;
                carryFlow = oldFlow;
                carryTerm = -oldTerm;
                newParent = w;
                w = oldParent;
            }
        }

        /**
         * Recomputes depth and potential of every node below {@code top} from its parent (preorder walk
         * over the child lists). Recomputing rather than shifting keeps tree arcs at reduced cost zero
         * up to one rounding, however many pivots a node has seen.
         */
        private void refreshSubtree(int top) {
            final int[] par = parent;
            final int[] first = firstChild;
            final int[] next = nextSibling;
            pi[top] = pi[par[top]] + arcTerm[top];
            depth[top] = depth[par[top]] + 1;
            int u = first[top];
            while (u != NONE) {
                int p = par[u];
                pi[u] = pi[p] + arcTerm[u];
                depth[u] = depth[p] + 1;
                if (first[u] != NONE) {
                    u = first[u];
                    continue;
                }
                while (u != top && next[u] == NONE) {
                    u = par[u];
                }
                u = u == top ? NONE : next[u];
            }
        }

        private void addChild(int p, int child) {
            int head = firstChild[p];
            nextSibling[child] = head;
            prevSibling[child] = NONE;
            if (head != NONE) {
                prevSibling[head] = child;
            }
            firstChild[p] = child;
        }

        private void removeChild(int p, int child) {
            int prev = prevSibling[child];
            int next = nextSibling[child];
            if (prev != NONE) {
                nextSibling[prev] = next;
            } else {
                firstChild[p] = next;
            }
            if (next != NONE) {
                prevSibling[next] = prev;
            }
        }
    }
}
