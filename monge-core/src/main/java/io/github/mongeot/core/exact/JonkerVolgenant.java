package io.github.mongeot.core.exact;

import io.github.mongeot.core.data.InvalidInputException;
import java.util.Arrays;

/**
 * The linear assignment problem min_σ Σ_i C_{i,σ(i)} over permutations σ of n elements: exact OT
 * between two clouds of n points with uniform weights (the plan is the permutation matrix / n).
 *
 * <p>Shortest augmenting paths with column prices v in the manner of Jonker &amp; Volgenant, "A
 * shortest augmenting path algorithm for dense and sparse linear assignment problems" (Computing
 * 38, 1987): an initial partial assignment (column reduction on a cold start, or the given prices
 * on a warm start), an auction-like augmenting row reduction that settles most rows cheaply, then
 * one Dijkstra search in reduced costs C_ij − v_j per remaining free row, after which the prices
 * are updated so that every assigned arc stays tight. Dual feasibility u_i + v_j ≤ C_ij with
 * equality on the assignment certifies optimality, so the result is exact (up to rounding).
 *
 * <p>Warm start: prices from a previous solve on a nearby cost matrix (e.g. DPOT's pushed batch a
 * few Adam steps later) leave only a few rows in conflict. Instances are stateless; thread-safe.
 */
public final class JonkerVolgenant {
    /** Passes of augmenting row reduction, as in the paper. */
    private static final int REDUCTION_PASSES = 2;

    private JonkerVolgenant() {
    }

    /**
     * The optimal assignment.
     *
     * @param rowToCol σ: row i is assigned column rowToCol[i]
     * @param cost     Σ_i C_{i,σ(i)}
     * @param prices   column duals v (u_i = C_{i,σ(i)} − v_{σ(i)}); pass them to a later warm start
     */
    public record Result(int[] rowToCol, double cost, double[] prices) {
    }

    /** Solves for the n × n cost matrix given row-major ({@code cost[i * n + j]}); cold start. */
    public static Result solve(double[] cost, int n) {
        return solve(cost, n, null);
    }

    /**
     * As {@link #solve(double[], int)}, warm-started from column {@code prices} of an earlier solve
     * (null: cold start). The arrays are read, never modified or kept.
     */
    public static Result solve(double[] cost, int n, double[] prices) {
        check(cost, n, prices);
        int[] rowToCol = new int[n];
        int[] colToRow = new int[n];
        Arrays.fill(rowToCol, -1);
        Arrays.fill(colToRow, -1);
        double[] v;
        int[] free;
        if (prices == null) {
            v = new double[n];
            free = columnReduction(cost, n, v, rowToCol, colToRow);
        } else {
            v = prices.clone();
            free = new int[n];
            for (int i = 0; i < n; i++) {
                free[i] = i;
            }
        }
        for (int pass = 0; pass < REDUCTION_PASSES && free.length > 0; pass++) {
            free = augmentingRowReduction(cost, n, v, rowToCol, colToRow, free);
        }
        Dijkstra search = new Dijkstra(n);
        for (int f : free) {
            search.augment(cost, v, rowToCol, colToRow, f);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += cost[i * n + rowToCol[i]];
        }
        return new Result(rowToCol, total, v);
    }

    private static void check(double[] cost, int n, double[] prices) {
        if (n < 1) {
            throw new InvalidInputException("assignment: need at least one row, got n = " + n);
        }
        if (cost == null || cost.length != (long) n * n) {
            throw new InvalidInputException("assignment cost matrix: has " + (cost == null ? 0 : cost.length)
                    + " entries, expected " + n + " x " + n);
        }
        for (int k = 0; k < cost.length; k++) {
            if (!Double.isFinite(cost[k])) {
                throw new InvalidInputException("assignment cost matrix: entry (" + (k / n + 1) + ", " + (k % n + 1) + ") is "
                        + cost[k] + " (NaN/Inf not allowed)");
            }
        }
        if (prices != null && prices.length != n) {
            throw new InvalidInputException("assignment prices: have " + prices.length + " entries, expected " + n);
        }
    }

    /**
     * v_j = min_i C_ij; column j goes to its cheapest row when that row is still free (scanning
     * columns from the last, as in the paper). Returns the rows left free.
     */
    private static int[] columnReduction(double[] cost, int n, double[] v, int[] rowToCol, int[] colToRow) {
        for (int j = n - 1; j >= 0; j--) {
            int best = 0;
            double min = cost[j];
            for (int i = 1; i < n; i++) {
                double c = cost[i * n + j];
                if (c < min) {
                    min = c;
                    best = i;
                }
            }
            v[j] = min;
            if (rowToCol[best] < 0) {
                rowToCol[best] = j;
                colToRow[j] = best;
            }
        }
        int count = 0;
        int[] free = new int[n];
        for (int i = 0; i < n; i++) {
            if (rowToCol[i] < 0) {
                free[count++] = i;
            }
        }
        return Arrays.copyOf(free, count);
    }

    /**
     * One pass over the free rows: each takes its cheapest column in reduced cost, lowering that
     * column's price so it stays indifferent to its second choice; a row it displaces is retried
     * at once if the price fell (strictly cheaper for it elsewhere now), else queued for the next
     * pass. Every assigned arc stays tight and v stays dual feasible. Returns the rows left free.
     */
    private static int[] augmentingRowReduction(double[] cost, int n, double[] v, int[] rowToCol, int[] colToRow,
            int[] free) {
        int[] queue = free.clone();
        int[] next = new int[n];
        int nextCount = 0;
        int k = 0;
        long budget = 4L * n + queue.length; // guard against long bidding wars on near-ties
        while (k < queue.length) {
            int i = queue[k++];
            int row = i * n;
            double u1 = Double.POSITIVE_INFINITY;
            double u2 = Double.POSITIVE_INFINITY;
            int j1 = -1;
            int j2 = -1;
            for (int j = 0; j < n; j++) {
                double h = cost[row + j] - v[j];
                if (h < u2) {
                    if (h < u1) {
                        u2 = u1;
                        j2 = j1;
                        u1 = h;
                        j1 = j;
                    } else {
                        u2 = h;
                        j2 = j;
                    }
                }
            }
            int displaced = colToRow[j1];
            boolean lowered = j2 >= 0 && u1 < u2; // n = 1 has no second choice
            if (lowered) {
                v[j1] -= u2 - u1; // i is now tight on j1 at the level of its second choice
            } else if (displaced >= 0 && j2 >= 0) {
                j1 = j2; // a tie: take the second column rather than evict someone
                displaced = colToRow[j1];
            }
            if (displaced >= 0) {
                rowToCol[displaced] = -1;
            }
            rowToCol[i] = j1;
            colToRow[j1] = i;
            if (displaced >= 0) {
                if (lowered && --budget > 0) {
                    queue[--k] = displaced;
                } else {
                    next[nextCount++] = displaced;
                }
            }
        }
        return Arrays.copyOf(next, nextCount);
    }

    /** Dijkstra in reduced costs from one free row to the nearest free column, then augments. */
    private static final class Dijkstra {
        private final double[] dist;
        private final int[] pred;
        private final int[] columns; // [0, scanned) done, [scanned, n) to do
        private final int n;

        Dijkstra(int n) {
            this.n = n;
            dist = new double[n];
            pred = new int[n];
            columns = new int[n];
        }

        void augment(double[] cost, double[] v, int[] rowToCol, int[] colToRow, int start) {
            int row = start * n;
            for (int j = 0; j < n; j++) {
                columns[j] = j;
                dist[j] = cost[row + j] - v[j];
                pred[j] = start;
            }
            int scanned = 0;
            int end = -1;
            double reached = 0;
            while (end < 0) {
                // the closest column not yet scanned
                int best = scanned;
                for (int t = scanned + 1; t < n; t++) {
                    if (dist[columns[t]] < dist[columns[best]]) {
                        best = t;
                    }
                }
                int j = columns[best];
                columns[best] = columns[scanned];
                columns[scanned++] = j;
                reached = dist[j];
                int i = colToRow[j];
                if (i < 0) {
                    end = j;
                    break;
                }
                // through row i: reduced cost of (i, j) is 0 by tightness, so u_i = C_ij − v_j
                int r = i * n;
                double base = reached - (cost[r + j] - v[j]);
                for (int t = scanned; t < n; t++) {
                    int k = columns[t];
                    double alt = base + cost[r + k] - v[k];
                    if (alt < dist[k]) {
                        dist[k] = alt;
                        pred[k] = i;
                    }
                }
            }
            // prices of the scanned columns rise by how much closer they were than the free column
            for (int t = 0; t < scanned - 1; t++) {
                int k = columns[t];
                v[k] += dist[k] - reached;
            }
            int j = end;
            while (true) {
                int i = pred[j];
                colToRow[j] = i;
                int previous = rowToCol[i];
                rowToCol[i] = j;
                if (i == start) {
                    break;
                }
                j = previous;
            }
        }
    }
}
